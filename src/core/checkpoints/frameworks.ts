// Which training framework wrote a checkpoint, guessed from its top-level keys, pickled classes and file name.
import path from 'node:path';
import { isNode, stringEntries } from './pickleTypes';
import type { PickleValue } from './pickleTypes';
import type { FrameworkHint } from './types';

const HF_FILES = new Set([
  'pytorch_model.bin',
  'model.safetensors',
  'optimizer.pt',
  'scheduler.pt',
  'rng_state.pth',
  'training_args.bin',
  'adapter_model.safetensors',
  'adapter_model.bin',
]);

export function frameworkHints(
  filePath: string,
  root: PickleValue | undefined,
  globals: ReadonlySet<string>,
): FrameworkHint[] {
  const hints = new Set<FrameworkHint>();
  const keys = new Set(root !== undefined && isNode(root, 'dict') ? stringEntries(root).map(([k]) => k) : []);
  const mods = [...globals].map((g) => g.split('.', 1)[0]);
  if (
    mods.includes('ultralytics') ||
    keys.has('train_args') ||
    (keys.has('date') && keys.has('version') && (keys.has('model') || keys.has('ema')))
  ) {
    hints.add('ultralytics');
  }
  if (
    mods.includes('lightning') ||
    mods.includes('pytorch_lightning') ||
    keys.has('pytorch-lightning_version') ||
    (keys.has('state_dict') && (keys.has('loops') || keys.has('optimizer_states')))
  ) {
    hints.add('lightning');
  }
  const base = path.basename(filePath);
  const inHfCheckpoint = /^checkpoint-\d+$/.test(path.basename(path.dirname(filePath)));
  if (
    mods.includes('transformers') ||
    (HF_FILES.has(base) && inHfCheckpoint) ||
    /^model-\d+-of-\d+\.safetensors$/.test(base)
  ) {
    hints.add('hf');
  }
  return [...hints];
}
