// Which tensors count as model parameters in `totalParams`. A training checkpoint also carries optimizer moments,
// RNG state, callback scores and sometimes an EMA copy of the model; counting those would inflate the number.
import { isNode, stringEntries } from './pickleTypes';
import type { PickleValue } from './pickleTypes';

/** Top-level keys that hold the model, in order of preference (Ultralytics keeps `model: None` and the EMA). */
const MODEL_KEYS = ['state_dict', 'model_state_dict', 'model', 'ema', 'module', 'net', 'network'];

const NON_MODEL_KEYS = new Set([
  'optimizer',
  'optimizers',
  'optimizer_states',
  'optimizer_state_dict',
  'optim',
  'opt',
  'lr_scheduler',
  'lr_schedulers',
  'scheduler',
  'schedulers',
  'callbacks',
  'loops',
  'rng_state',
  'rng_states',
]);

function firstSegment(name: string): string {
  const dot = name.indexOf('.');
  return dot < 0 ? name : name.slice(0, dot);
}

/**
 * Returns a predicate over tensor names: true when the tensor is part of the model.
 * `tensorNames` are the names found by walkTensors.
 */
export function paramScope(root: PickleValue, tensorNames: readonly string[]): (name: string) => boolean {
  if (!isNode(root, 'dict')) {
    return () => true;
  }
  const keys = new Set(stringEntries(root).map(([k]) => k));
  const tops = new Set(tensorNames.map(firstSegment));
  for (const key of MODEL_KEYS) {
    if (keys.has(key) && tops.has(key)) {
      return (name) => firstSegment(name) === key;
    }
  }
  // A bare optimizer state dict (HF optimizer.pt) or RNG state (HF rng_state.pth) holds no model.
  if (keys.size === 2 && keys.has('state') && keys.has('param_groups')) {
    return () => false;
  }
  if (keys.has('python') && keys.has('cpu')) {
    return () => false;
  }
  return (name) => !NON_MODEL_KEYS.has(firstSegment(name));
}
