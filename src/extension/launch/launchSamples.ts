// The resource samples of a launched run: a sampler on its process tree, whose `system/*` points wait
// in the launch until its run is linked and has series of its own.
import { ResourceSampler } from '../../core/launch/resourceSampler';
import type { RunStore } from '../../core/runs/runStore';
import type { LaunchedRun } from './launchedRun';

/** Starts sampling the process tree under `pid` into the launch's buffer; `onExit` when it is gone. */
export function startSampling(
  store: RunStore,
  launch: LaunchedRun,
  pid: number,
  intervalMs: number,
  onExit: () => void,
): void {
  launch.sampler = new ResourceSampler({
    rootPid: pid,
    launchedAt: launch.launchedAt,
    intervalMs,
    env: { ...process.env, ...launch.spec.env },
    onSamples: (points) => {
      launch.buffered.push(points);
      flushSamples(store, launch);
    },
    onExit,
  });
  launch.sampler.start();
}

/**
 * Hands buffered samples to the linked run once its reader has given it series of its own, so the
 * training metrics come first on the dashboard and `system/` after them (or when the run has ended).
 */
export function flushSamples(store: RunStore, launch: LaunchedRun): void {
  const run = launch.runId ? store.get(launch.runId) : undefined;
  if (!run || launch.buffered.length === 0) {
    return;
  }
  const hasOwn = [...run.series.keys()].some((name) => !run.externalSeries.has(name));
  if (!hasOwn && !launch.ended) {
    return;
  }
  for (const points of launch.buffered.splice(0)) {
    store.applyExternal(run.id, { points });
  }
}
