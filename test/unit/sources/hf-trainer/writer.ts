// A small HF Trainer output-dir writer for tests: trainer_state.json as TrainerState.save_to_json writes
// it (indent=2, sorted keys, bare NaN/Infinity) in the output dir or in checkpoint-<N>/ folders.
import path from 'node:path';
import type { TempDir } from '../jsonl/support/tmp';
import { pythonJson } from '../jsonl/support/tmp';

export type LogEntry = Record<string, number>;

export interface StateFields {
  log_history: LogEntry[];
  global_step?: number;
  max_steps?: number;
  num_train_epochs?: number;
  best_model_checkpoint?: string | null;
  train_batch_size?: number;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

export function trainerStateText(fields: StateFields): string {
  const last = fields.log_history[fields.log_history.length - 1];
  const state = {
    best_metric: null,
    best_model_checkpoint: null,
    epoch: last?.epoch ?? 0,
    global_step: fields.global_step ?? last?.step ?? 0,
    is_hyper_param_search: false,
    is_local_process_zero: true,
    is_world_process_zero: true,
    logging_steps: 5,
    max_steps: 100,
    num_train_epochs: 2,
    total_flos: 0,
    train_batch_size: 8,
    trial_name: null,
    trial_params: null,
    ...fields,
  };
  return pythonJson(sortKeys(state), 2);
}

/** Log entries at steps 5, 10, … up to `upTo`: a train entry each, an eval entry every 10 steps. */
export function history(upTo: number, stepsPerEpoch = 50): LogEntry[] {
  const out: LogEntry[] = [];
  for (let step = 5; step <= upTo; step += 5) {
    const epoch = step / stepsPerEpoch;
    out.push({ epoch, grad_norm: 1 / step, learning_rate: 0.001 * (1 - step / 100), loss: 2 / step, step });
    if (step % 10 === 0) {
      out.push({ epoch, eval_loss: 3 / step, eval_runtime: 0.5, step });
    }
  }
  return out;
}

export class HfWriter {
  constructor(
    private readonly tmp: TempDir,
    readonly outputRel = 'proj/out',
  ) {}

  get dir(): string {
    return this.tmp.path(this.outputRel);
  }

  /** checkpoint-N/ with a trainer_state.json at step N and a weights file of `weightBytes` bytes. */
  checkpoint(step: number, fields?: Partial<StateFields>, weightBytes = 100): string {
    const dir = path.join(this.outputRel, `checkpoint-${step}`);
    this.tmp.write(path.join(dir, 'trainer_state.json'), trainerStateText({ log_history: history(step), ...fields }));
    this.tmp.write(path.join(dir, 'model.safetensors'), new Uint8Array(weightBytes));
    return this.tmp.path(dir);
  }

  rootState(fields: StateFields): string {
    return this.tmp.write(path.join(this.outputRel, 'trainer_state.json'), trainerStateText(fields));
  }

  rawRoot(text: string): string {
    return this.tmp.write(path.join(this.outputRel, 'trainer_state.json'), text);
  }

  write(rel: string, text: string): string {
    return this.tmp.write(path.join(this.outputRel, rel), text);
  }
}
