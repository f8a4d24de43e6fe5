// The one metric that describes a run at a glance (tree description, compare picker), per format.
import type { RunFormat } from './model';

/** Preferred names per format, tried in order before the generic rules. */
const PREFERRED: Partial<Record<RunFormat, RegExp[]>> = {
  ultralytics: [/^metrics\/mAP50-95/, /^metrics\/mAP_0\.5:0\.95$/, /^metrics\/accuracy_top1$/, /^metrics\/mAP50/],
  'hf-trainer': [/^eval_loss$/, /^loss$/],
};

const GENERIC: RegExp[] = [
  /(^|[/_])val(idation)?[/_]?loss$/i,
  /(^|[/_])(val|valid|validation|eval|test)[/_].*(acc|accuracy|f1|map|auc)/i,
  /(^|[/_])val(idation)?[/_]?(acc|accuracy)$/i,
  /^eval[/_]loss$/i,
  /(^|[/_])loss$/i,
  /loss/i,
  /acc|accuracy/i,
];

/** Picks the key metric among the run's series names (undefined when there are none). */
export function pickKeyMetric(format: RunFormat, names: Iterable<string>): string | undefined {
  const list = [...names].filter((n) => !n.startsWith('system/') && !/^(epoch|step|_step|_runtime|time|lr)$/.test(n));
  for (const pattern of [...(PREFERRED[format] ?? []), ...GENERIC]) {
    const hit = list.find((n) => pattern.test(n));
    if (hit) {
      return hit;
    }
  }
  return list[0];
}
