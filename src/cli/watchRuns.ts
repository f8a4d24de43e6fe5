// `runboard watch <dir>`: prints what changes, live, as JSON lines, until Ctrl+C.
import { RunStore } from '../core/runs/runStore';
import { ALL_FORMATS } from '../core/sources/registry';
import { makeExcluder } from '../core/watch/excludes';
import { RunWatcher } from '../core/watch/runWatcher';
import { jsonNumber } from './jsonValues';

export async function watchRuns(dirs: string[], write: (line: string) => void): Promise<() => void> {
  const store = new RunStore();
  const watcher = new RunWatcher(store, { formats: [...ALL_FORMATS], isExcluded: makeExcluder() });
  store.onDidAddRun((run) =>
    write(
      JSON.stringify({
        event: 'run',
        id: run.id,
        format: run.format,
        project: run.project,
        name: run.name,
        dir: run.dir,
      }),
    ),
  );
  store.onDidRemoveRun((run) => write(JSON.stringify({ event: 'removed', id: run.id })));
  store.onDidChangeRun(({ run, applied }) => {
    if (applied.reset) {
      write(JSON.stringify({ event: 'reset', id: run.id }));
    }
    for (const [name, from] of applied.appended) {
      const s = run.series.get(name);
      if (!s) {
        continue;
      }
      const points: [number, number | string][] = [];
      for (let i = from; i < s.length; i++) {
        points.push([s.steps[i], jsonNumber(s.values[i])]);
      }
      write(JSON.stringify({ event: 'points', id: run.id, series: name, points }));
    }
    if (applied.metaChanged) {
      write(JSON.stringify({ event: 'status', id: run.id, status: run.status }));
    }
  });
  await watcher.start(dirs);
  const timer = setInterval(() => store.refreshStatuses(), 5000);
  return () => {
    clearInterval(timer);
    watcher.dispose();
    store.dispose();
  };
}
