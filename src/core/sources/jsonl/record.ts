// One JSONL record (a JSON object) → its step, wall time and metric values.
//
// Step: the first numeric key of STEP_KEYS (detectron2 writes `iteration`), else the record's index in
// the file. Wall time: the first of TIME_KEYS, in seconds (values > 1e11 are taken as ms). Detectron2's
// `time` is the duration of an iteration, not a clock, so it stays a metric.
// Metrics: every other numeric value; nested objects are flattened with `/` (`{"train": {"loss": 1}}` →
// `train/loss`, the way TensorBoard and W&B group names). Strings, booleans, null and arrays are not series.

export const STEP_KEYS = ['step', 'iteration', 'global_step', 'iter', '_step', 'epoch'] as const;
export const TIME_KEYS = ['timestamp', 'wall_time', 'walltime', '_timestamp'] as const;

/**
 * Counters that never legitimately repeat: a repeat means a restarted run re-logged those steps, so
 * the older points are dropped (TensorBoard's rule). `epoch` and the line index keep every point:
 * several records per epoch are common.
 */
const EVICTING_KEYS: ReadonlySet<string> = new Set(['step', 'iteration', 'global_step', 'iter', '_step']);
const MAX_DEPTH = 8;

export interface RecordKey {
  step: number;
  /** The key the step came from; undefined when the line index was used. */
  stepKey?: string;
  /** Whether a repeated step replaces the earlier points (see EVICTING_KEYS). */
  evict: boolean;
  /** Seconds since the epoch, NaN when the record has no time. */
  wallTime: number;
  timeKey?: string;
}

export function recordKey(record: Record<string, unknown>, lineIndex: number): RecordKey {
  let step = lineIndex;
  let stepKey: string | undefined;
  for (const key of STEP_KEYS) {
    const v = record[key];
    if (typeof v === 'number' && Number.isFinite(v)) {
      step = v;
      stepKey = key;
      break;
    }
  }
  let wallTime = NaN;
  let timeKey: string | undefined;
  for (const key of TIME_KEYS) {
    const v = record[key];
    if (typeof v === 'number' && Number.isFinite(v)) {
      wallTime = v > 1e11 ? v / 1000 : v;
      timeKey = key;
      break;
    }
  }
  return { step, stepKey, evict: stepKey !== undefined && EVICTING_KEYS.has(stepKey), wallTime, timeKey };
}

/** Calls `emit` for every numeric value of the record except the step and time keys. */
export function forEachMetric(
  record: Record<string, unknown>,
  key: RecordKey,
  emit: (name: string, value: number) => void,
): void {
  for (const name in record) {
    if (name === key.stepKey || name === key.timeKey) {
      continue;
    }
    const v = record[name];
    if (typeof v === 'number') {
      emit(name, v);
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      forEachNested(v as Record<string, unknown>, name, emit, 1);
    }
  }
}

function forEachNested(
  obj: Record<string, unknown>,
  prefix: string,
  emit: (name: string, value: number) => void,
  depth: number,
): void {
  if (depth > MAX_DEPTH) {
    return;
  }
  for (const name in obj) {
    const v = obj[name];
    const full = `${prefix}/${name}`;
    if (typeof v === 'number') {
      emit(full, v);
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      forEachNested(v as Record<string, unknown>, full, emit, depth + 1);
    }
  }
}

/** Counts numeric and string leaves of a record (detection tells metric logs from datasets with it). */
export function countLeaves(record: Record<string, unknown>): { numbers: number; strings: number } {
  let numbers = 0;
  let strings = 0;
  for (const name in record) {
    const v = record[name];
    if (typeof v === 'number') {
      numbers++;
    } else if (typeof v === 'string') {
      strings++;
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const inner = countLeaves(v as Record<string, unknown>);
      numbers += inner.numbers;
      strings += inner.strings;
    }
  }
  return { numbers, strings };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
