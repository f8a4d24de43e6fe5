// Finds HF Trainer output dirs: a folder with `trainer_state.json` (trainer.save_state()) or with
// `checkpoint-<N>/` (or `last-checkpoint/`) folders holding one. The output dir is the run; its
// checkpoint folders are claimed (weights, optimizer state: nothing else to find there). `runs/`
// (the TensorBoardCallback's logs) is left to the TensorBoard reader.
import path from 'node:path';
import { runId } from '../../runs/model';
import type { DetectIo, Detection, DirListing } from '../types';
import { checkpointNames } from './checkpoints';

const STATE_FILE = 'trainer_state.json';
const RESULT_FILES = ['all_results.json', 'train_results.json', 'eval_results.json'];
/** Fields that TrainerState writes near the top (keys are sorted), to tell it from another JSON file. */
const STATE_MARKERS = ['"global_step"', '"log_history"', '"best_metric"'];
const MAX_CHECKPOINTS_PROBED = 3;

export async function detectHfTrainer(listing: DirListing, io: DetectIo): Promise<Detection | undefined> {
  const { dir } = listing;
  const checkpoints = checkpointNames(listing.dirs);
  let found = listing.files.includes(STATE_FILE) && (await isTrainerState(io, path.join(dir, STATE_FILE)));
  for (const name of checkpoints.slice(0, MAX_CHECKPOINTS_PROBED)) {
    if (found) {
      break;
    }
    found = await isTrainerState(io, path.join(dir, name, STATE_FILE));
  }
  if (!found) {
    return undefined;
  }
  return {
    runs: [
      {
        id: runId('hf-trainer', dir),
        format: 'hf-trainer',
        dir,
        project: path.basename(path.dirname(dir)),
        name: path.basename(dir),
      },
    ],
    claimedFiles: listing.files.filter((f) => f === STATE_FILE || RESULT_FILES.includes(f)),
    claimedDirs: checkpoints,
  };
}

async function isTrainerState(io: DetectIo, file: string): Promise<boolean> {
  const head = await io.readHead(file, 4096);
  if (!head) {
    return false;
  }
  const text = new TextDecoder().decode(head);
  return text.trimStart().startsWith('{') && STATE_MARKERS.some((m) => text.includes(m));
}
