// How long a run says it will be, from its config when its format does not say (HF and YOLO do):
// `max_epochs` (Lightning CLI, hparams), `epochs` (W&B config, MLflow params, argparse), `max_steps`…
// for the dashboard's ETA. The last key segment counts (`trainer.max_epochs`); `summary.*` is not config.
import type { ConfigMap } from './model';

const EPOCH_KEYS = ['max_epochs', 'num_train_epochs', 'num_epochs', 'n_epochs', 'total_epochs', 'epochs'];
// Not `num_steps`: PPO configs use it for the rollout length.
const STEP_KEYS = ['max_steps', 'num_train_steps', 'total_steps', 'max_iters', 'max_iter', 'total_iters'];

/** `stepsAreTrainerSteps`: false for W&B, whose step counts log calls, not the trainer's steps. */
export function totalsFromConfig(
  config: ConfigMap,
  stepsAreTrainerSteps = true,
): { totalEpochs?: number; totalSteps?: number } {
  const byKey = new Map<string, number>();
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith('summary.')) {
      continue;
    }
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    // Lightning's max_epochs -1 (no limit), a non-integer: no total.
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) {
      const last = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
      if (!byKey.has(last)) {
        byKey.set(last, n);
      }
    }
  }
  const first = (keys: string[]) => keys.map((k) => byKey.get(k)).find((n) => n !== undefined);
  const totalEpochs = first(EPOCH_KEYS);
  const totalSteps = stepsAreTrainerSteps ? first(STEP_KEYS) : undefined;
  return {
    ...(totalEpochs !== undefined ? { totalEpochs } : {}),
    ...(totalSteps !== undefined ? { totalSteps } : {}),
  };
}
