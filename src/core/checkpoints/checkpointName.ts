// Step / epoch / label / metrics from a checkpoint's file or directory name:
// Lightning `epoch=4-step=100.ckpt`, `epoch=4-val_loss=0.401-v1.ckpt`, HF `checkpoint-80/`, Ultralytics
// `last.pt` / `best.pt` / `epoch10.pt`, and common hand-made names (`step_1000.safetensors`, `model_epoch_12.pth`).

export interface CheckpointNameInfo {
  step?: number;
  epoch?: number;
  label?: string;
  metrics?: Record<string, number>;
}

const EXTENSIONS = /\.(pth\.tar|ckpt|pt|pth|bin|safetensors|h5|keras|pkl|pickle|tar|msgpack|npz|index|onnx|gguf)$/i;
const SHARD = /[-_.]?\d+-of-\d+$/;
const VERSION_SUFFIX = /-v\d+$/;
const NUMBER = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?inf|nan`;
const KEY_VALUE = new RegExp(String.raw`([A-Za-z_][\w./]*?)=(${NUMBER})(?=$|[-_](?=[A-Za-z]))`, 'g');
const LABELS = ['last', 'best', 'final', 'latest', 'init', 'initial'];
const STEP_KEYS = new Set(['step', 'global_step', 'steps', 'iter', 'iteration', 'it']);

function toNumber(s: string): number {
  const t = s.toLowerCase();
  if (t === 'nan') {
    return NaN;
  }
  if (t.endsWith('inf')) {
    return t.startsWith('-') ? -Infinity : Infinity;
  }
  return Number(s);
}

function stem(name: string): string {
  let s = name.replace(/[\\/]+$/, '');
  s = s.slice(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
  return s.replace(EXTENSIONS, '').replace(SHARD, '').replace(VERSION_SUFFIX, '');
}

/** `val_epoch_loss`-like keys end in a metric word; `train_epoch` does not (it is an epoch count). */
function isMetricWord(key: string): boolean {
  return /(?:^|_)(?:loss|acc|accuracy|f1|map|auc|score|err|error)(?:_|$)/i.test(key);
}

function keyValues(s: string, out: CheckpointNameInfo): boolean {
  let found = false;
  for (const m of s.matchAll(KEY_VALUE)) {
    found = true;
    // A prefix joined by `_` belongs to the key's text, not its meaning: `model_step=1000`,
    // `ckpt_epoch=3`, and `_step` after `epoch=3_` are an epoch and steps, never metrics.
    const key = m[1].replace(/^_+/, '');
    const word = key.slice(key.lastIndexOf('_') + 1);
    const value = toNumber(m[2]);
    if (key === 'epoch' || (word === 'epoch' && !isMetricWord(key))) {
      out.epoch = value;
    } else if (STEP_KEYS.has(key) || (STEP_KEYS.has(word) && !isMetricWord(key))) {
      out.step = value;
    } else {
      (out.metrics ??= {})[key] = value;
    }
  }
  return found;
}

export function parseCheckpointName(name: string): CheckpointNameInfo {
  const s = stem(name);
  const out: CheckpointNameInfo = {};
  const lower = s.toLowerCase();
  const label = LABELS.find((l) => new RegExp(`(?:^|[-_.])${l}(?:$|[-_.])`).test(lower));
  if (label) {
    out.label = label;
  }
  if (keyValues(s, out)) {
    return out;
  }
  const hf = /^checkpoint-(\d+)$/i.exec(s);
  if (hf) {
    out.step = Number(hf[1]);
    return out;
  }
  const epoch = /(?:^|[^a-z])(?:epoch|ep)[-_]?(\d+)(?![\d.])/i.exec(s);
  if (epoch) {
    out.epoch = Number(epoch[1]);
  }
  const step = /(?:^|[^a-z])(?:global_step|step|steps|iter|iteration|it)[-_]?(\d+)(?!\d)/i.exec(s);
  if (step) {
    out.step = Number(step[1]);
  }
  if (out.epoch === undefined && out.step === undefined) {
    // `model_0004999.pth` (detectron2), `ckpt-1000`: a bare number after a generic prefix is a step.
    const bare = /^(?:model|ckpt|checkpoint|weights|snapshot|state|save)[-_](\d+)$/i.exec(s);
    if (bare) {
      out.step = Number(bare[1]);
    }
  }
  return out;
}
