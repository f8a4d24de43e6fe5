// TensorBoard detection: a directory holding files whose basename contains `tfevents` (not
// `.profile-empty`) is a run; its folded helper sub-runs (subruns.ts) are claimed with it.
import path from 'node:path';
import type { DetectedRun } from '../../runs/model';
import { runId } from '../../runs/model';
import type { DetectIo, Detection, DirListing } from '../types';
import { isKerasSplit, projectAndName } from './naming';
import { findSubRuns, isEventFileName } from './subruns';

export async function detectTensorboard(listing: DirListing, io: DetectIo): Promise<Detection | undefined> {
  const tfevents = listing.files.filter((f) => f.includes('tfevents'));
  if (!tfevents.some(isEventFileName)) {
    return undefined;
  }
  const { claimedDirs } = await findSubRuns(listing, io);
  const base = path.basename(listing.dir);
  const siblings = isKerasSplit(base, ['train', 'validation', 'eval'])
    ? ((await io.list(path.dirname(listing.dir)))?.dirs ?? [])
    : [];
  const run: DetectedRun = {
    id: runId('tensorboard', listing.dir),
    format: 'tensorboard',
    dir: listing.dir,
    ...projectAndName(listing.dir, isKerasSplit(base, siblings)),
  };
  return { runs: [run], claimedFiles: tfevents, claimedDirs };
}
