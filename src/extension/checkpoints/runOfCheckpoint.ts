// The run a checkpoint belongs to: the run that lists it, else the run whose folder holds it (deepest wins).
import path from 'node:path';
import type { RunState } from '../../core/runs/runState';

export function runOfCheckpoint(runs: Iterable<RunState>, file: string): RunState | undefined {
  let best: RunState | undefined;
  for (const run of runs) {
    // A run that lists the checkpoint itself wins over folder containment.
    if (run.checkpoints.some((c) => c.path === file)) {
      return run;
    }
    const rel = path.relative(run.dir, file);
    const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    if (inside && (!best || run.dir.length > best.dir.length)) {
      best = run;
    }
  }
  return best;
}
