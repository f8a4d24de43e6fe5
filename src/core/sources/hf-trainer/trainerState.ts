// Hugging Face `trainer_state.json` (TrainerState.save_to_json: json.dumps(indent=2, sort_keys=True),
// rewritten whole at each checkpoint; Python writes bare NaN/Infinity). Old and new schemas differ only
// in which top-level fields exist; log_history entries are `{...logs, epoch, step}` in both.
import type { ConfigMap, RunMetaPatch } from '../../runs/model';
import type { PointCollector } from '../../series/series';
import { flattenConfig } from '../../util/flatten';
import { isPlainObject } from '../jsonl/record';
import { looksTruncated, parsePythonJson } from '../jsonl/pythonJson';

/** log_history keys that are the x axis, not series (as the reference reader does). */
const NOT_SERIES = new Set(['step', 'epoch']);
/** Top-level fields that are not run configuration. */
const NOT_CONFIG = new Set(['log_history', 'stateful_callbacks']);

export interface TrainerState {
  raw: Record<string, unknown>;
  log: Record<string, unknown>[];
  globalStep: number;
}

export type ParseResult = { state: TrainerState } | { error: { code: string; message: string } };

export function parseTrainerState(text: string): ParseResult {
  let value: unknown;
  try {
    value = parsePythonJson(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return looksTruncated(text)
      ? { error: { code: 'truncated-json', message: `trainer_state.json is cut short (being written?): ${message}` } }
      : { error: { code: 'bad-json', message: `trainer_state.json is not valid JSON: ${message}` } };
  }
  if (!isPlainObject(value)) {
    return { error: { code: 'bad-json', message: 'trainer_state.json is not a JSON object' } };
  }
  const history = Array.isArray(value.log_history) ? value.log_history : [];
  const log = history.filter(isPlainObject);
  const globalStep = typeof value.global_step === 'number' ? value.global_step : lastStep(log);
  return { state: { raw: value, log, globalStep } };
}

function lastStep(log: Record<string, unknown>[]): number {
  for (let i = log.length - 1; i >= 0; i--) {
    if (typeof log[i].step === 'number') {
      return log[i].step as number;
    }
  }
  return 0;
}

/** Series: every numeric key of each log entry except step/epoch, at the entry's `step`. */
export function stateSeries(state: TrainerState, points: PointCollector): { skipped: number } {
  let skipped = 0;
  for (const entry of state.log) {
    const step = entry.step;
    if (typeof step !== 'number') {
      skipped++;
      continue;
    }
    for (const key in entry) {
      const v = entry[key];
      if (typeof v === 'number' && !NOT_SERIES.has(key)) {
        points.add(key, step, v);
      }
    }
  }
  return { skipped };
}

/** Config: the state's own fields under `trainer.` (best_metric, max_steps, train_batch_size, …). */
export function stateConfig(state: TrainerState): ConfigMap {
  const fields: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(state.raw)) {
    if (!NOT_CONFIG.has(key)) {
      fields[key] = v;
    }
  }
  return flattenConfig(fields, 'trainer');
}

/** Totals for an ETA, and `finished` once the end-of-training entry (train_runtime) is logged. */
export function stateMeta(state: TrainerState): RunMetaPatch {
  const meta: RunMetaPatch = {};
  const { max_steps: maxSteps, num_train_epochs: epochs } = state.raw;
  if (typeof maxSteps === 'number' && maxSteps > 0) {
    meta.totalSteps = maxSteps;
  }
  if (typeof epochs === 'number' && epochs > 0) {
    meta.totalEpochs = epochs;
  }
  if (state.log.some((e) => typeof e.train_runtime === 'number')) {
    meta.status = 'finished';
  }
  return meta;
}

/** The epoch logged at a step (for a checkpoint's epoch). */
export function epochAt(state: TrainerState, step: number): number | undefined {
  for (const entry of state.log) {
    if (entry.step === step && typeof entry.epoch === 'number') {
      return entry.epoch;
    }
  }
  return undefined;
}
