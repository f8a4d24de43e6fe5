// Project and run name of a TensorBoard run dir, as users think of them:
// * default: project = parent folder (the log-dir parent, `runs/mlp-sgd` → project `runs`), name = folder;
// * Keras `<log_dir>/train` + `<log_dir>/validation` (both present; also `eval`) and Lightning
//   `version_N/<sub_dir>`: name = `<parent>/<dir>` (TensorBoard's own run name when pointed at the
//   grandparent), project = grandparent. A lone `train` (Ultralytics `runs/detect/train`) is a plain run;
// * PyTorch/HF default `…/<project>/runs/<Mon DD_HH-MM-SS>_<host>`: project = the folder above `runs`.
import path from 'node:path';

const KERAS_SPLITS = new Set(['train', 'validation', 'eval']);

/** True when `dir` is a Keras split: named train/validation/eval with a sibling split beside it. */
export function isKerasSplit(base: string, siblings: string[]): boolean {
  return KERAS_SPLITS.has(base) && siblings.some((s) => s !== base && KERAS_SPLITS.has(s));
}
const TIMESTAMP_RUN = /^[A-Z][a-z]{2}\d{2}_\d{2}-\d{2}-\d{2}_/;

export function projectAndName(dir: string, kerasSplit = false): { project: string; name: string } {
  const base = path.basename(dir);
  const parentDir = path.dirname(dir);
  const parent = path.basename(parentDir);
  const grand = path.basename(path.dirname(parentDir));
  if (parent && (kerasSplit || /^version_\d+$/.test(parent))) {
    return { project: grand || parent, name: `${parent}/${base}` };
  }
  if (parent === 'runs' && grand && TIMESTAMP_RUN.test(base)) {
    return { project: grand, name: base };
  }
  return { project: parent || base, name: base };
}
