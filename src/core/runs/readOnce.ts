// Reads a detected run to the end of what is on disk now (the CLI and tests use this).
import type { ReaderOptions, SourceFormat } from '../sources/types';
import type { DetectedRun } from './model';
import { RunState } from './runState';

/** Upper bound of polls, so a file that keeps growing while we read cannot keep us here forever. */
const MAX_POLLS = 10_000;

export async function readRunOnce(format: SourceFormat, run: DetectedRun, options?: ReaderOptions): Promise<RunState> {
  const state = new RunState(run);
  const reader = format.createReader(run, options);
  try {
    for (let i = 0; i < MAX_POLLS; i++) {
      const delta = await reader.poll();
      const applied = state.apply(delta);
      if (applied.appended.size === 0 && applied.histogramsChanged.length === 0 && !applied.reset) {
        break;
      }
    }
  } finally {
    reader.dispose?.();
  }
  return state;
}
