// What a run's checkpoints mean on its curves: the step of one named by epoch only (Lightning
// `epoch=4-val_loss=0.401.ckpt`), and which one is best when no format says so.
import path from 'node:path';
import { sizeText } from '../../shared/format';
import { lowerIsBetter } from '../../shared/metricDirection';
import type { CheckpointArtifact } from '../runs/model';
import type { Series } from '../series/series';
import { parseCheckpointName } from './checkpointName';

/**
 * The step a checkpoint stands at: its own, else the last step logged in its epoch (Lightning's
 * ModelCheckpoint saves at the end of an epoch; the `epoch` series says which steps belong to which).
 */
export function checkpointStep(c: CheckpointArtifact, epochs: Series | undefined): number | undefined {
  if (c.step !== undefined || c.epoch === undefined || !epochs) {
    return c.step;
  }
  // The epoch series only grows (one point per step or per epoch end, often a million points): binary
  // search for the last point at or below the epoch, run for every checkpoint on every refresh.
  const values = epochs.values;
  let lo = 0;
  let hi = epochs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= c.epoch) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo > 0 && values[lo - 1] === c.epoch ? epochs.steps[lo - 1] : undefined;
}

/**
 * The run's best checkpoint: the one its format labels `best`; else, when two or more checkpoint names
 * carry the same metric (ModelCheckpoint's `monitor` in the file name), the lowest or highest of it as
 * the metric's name says (a loss: lowest). Several labelled `best` (`best-{epoch}-{val_loss}` with
 * `save_top_k`) are ranked the same way among themselves.
 */
export function bestCheckpoint(checkpoints: readonly CheckpointArtifact[]): CheckpointArtifact | undefined {
  const labelled = checkpoints.filter((c) => c.label === 'best');
  if (labelled.length === 1) {
    return labelled[0];
  }
  return bestByNameMetric(labelled.length > 1 ? labelled : checkpoints) ?? labelled[0];
}

function bestByNameMetric(checkpoints: readonly CheckpointArtifact[]): CheckpointArtifact | undefined {
  const byMetric = new Map<string, { c: CheckpointArtifact; value: number }[]>();
  for (const c of checkpoints) {
    for (const [key, value] of Object.entries(parseCheckpointName(path.basename(c.path)).metrics ?? {})) {
      if (Number.isFinite(value)) {
        const named = byMetric.get(key);
        if (named) {
          named.push({ c, value });
        } else {
          byMetric.set(key, [{ c, value }]);
        }
      }
    }
  }
  const [key, named] = [...byMetric].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (!key || !named || named.length < 2) {
    return undefined;
  }
  const sign = lowerIsBetter(key) ? 1 : -1;
  return named.reduce((best, n) => (sign * n.value < sign * best.value ? n : best)).c;
}

/** "best · epoch 4 · step 100 · 12.0 MB · saved 2026-11-23 14:03": a checkpoint's row in the tree and the Files list. */
export function checkpointDetail(c: CheckpointArtifact, best: boolean): string {
  return [
    c.label ?? (best ? 'best' : undefined),
    c.epoch !== undefined ? `epoch ${c.epoch}` : undefined,
    c.step !== undefined ? `step ${c.step}` : undefined,
    sizeText(c.sizeBytes),
    c.mtimeMs !== undefined ? `saved ${localTime(c.mtimeMs)}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

function localTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
