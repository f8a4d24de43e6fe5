// How long a run says it will be, from its config when its format does not say (HF and YOLO do):
// `max_epochs` (Lightning CLI, hparams), `epochs` (W&B config, MLflow params, argparse), `max_steps`…
// for the dashboard's ETA. The last key segment counts (`trainer.max_epochs`); `summary.*` is not config.
import type { ConfigMap } from './model';

const EPOCH_KEYS = ['max_epochs', 'num_train_epochs', 'num_epochs', 'n_epochs', 'total_epochs', 'epochs'];
const STEP_KEYS = ['max_steps', 'num_train_steps', 'total_steps', 'num_steps', 'max_iters', 'max_iter', 'total_iters'];

export function totalsFromConfig(config: ConfigMap): { totalEpochs?: number; totalSteps?: number } {
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
  const totalSteps = first(STEP_KEYS);
  return {
    ...(totalEpochs !== undefined ? { totalEpochs } : {}),
    ...(totalSteps !== undefined ? { totalSteps } : {}),
  };
}
