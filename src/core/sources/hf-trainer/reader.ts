// Reader of one HF Trainer output dir. trainer_state.json is rewritten whole, so whenever the state
// read (or the checkpoint folders) change, the reader hands over the whole state again with `reset`.
// Source: the output dir's trainer_state.json, or the newest checkpoint's when that one is further
// along (a resumed training writing new checkpoints next to an older final state); a state that does
// not parse (caught mid-write) falls back to the next newest and is named as an error.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CheckpointArtifact, ConfigMap, DetectedRun, RunDelta, RunError } from '../../runs/model';
import { PointCollector } from '../../series/series';
import { flattenConfig } from '../../util/flatten';
import type { RunReader } from '../types';
import { errorMessage } from '../jsonl/errorLog';
import { parsePythonJson } from '../jsonl/pythonJson';
import { CheckpointScanner, LAST_CHECKPOINT_DIR, type CheckpointDir } from './checkpoints';
import {
  epochAt,
  parseTrainerState,
  stateConfig,
  stateMeta,
  stateSeries,
  type ParseResult,
  type TrainerState,
} from './trainerState';

const STATE_FILE = 'trainer_state.json';
const MAX_STATE_BYTES = 256 * 1024 * 1024;
const MAX_SIDE_FILE_BYTES = 4 * 1024 * 1024;
const FALLBACK_TRIES = 3;
/** Side files read into config, with their config prefix. */
const SIDE_FILES: [string, string][] = [
  ['config.json', 'model'],
  ['adapter_config.json', 'adapter'],
  ['all_results.json', 'results'],
];

interface TextFile {
  path: string;
  key: string;
  text: string;
  /** The parse of this version of the file, kept so an unchanged state is not parsed on every poll. */
  parsed?: ParseResult;
}

interface Chosen {
  file: TextFile;
  state: TrainerState;
}

export class HfTrainerReader implements RunReader {
  private readonly dir: string;
  private readonly checkpoints: CheckpointScanner;
  /** Problems found by the current pass (every pass re-reads the state, so it finds them all again). */
  private passErrors: RunError[] = [];
  /** Problems the run shows now (keys), so an unchanged broken file is not reported on every poll. */
  private shown = new Set<string>();
  private readonly texts = new Map<string, TextFile>();
  private signature = '';
  private emitted = false;

  constructor(run: DetectedRun) {
    this.dir = run.dir;
    this.checkpoints = new CheckpointScanner(run.dir);
  }

  async poll(): Promise<RunDelta> {
    try {
      return await this.read();
    } catch (err) {
      this.addError('read-failed', `Cannot read ${this.dir}: ${errorMessage(err)}`, this.dir);
      return this.errorsOnly();
    }
  }

  private addError(code: string, message: string, file?: string): void {
    this.passErrors.push({ code, message, file });
  }

  private errorKey(e: RunError): string {
    return `${e.code}\u0000${e.file ?? ''}\u0000${e.message}`;
  }

  /** The pass's problems not shown yet. */
  private errorsOnly(): RunDelta {
    const fresh = this.passErrors.filter((e) => !this.shown.has(this.errorKey(e)));
    fresh.forEach((e) => this.shown.add(this.errorKey(e)));
    this.passErrors = [];
    return fresh.length > 0 ? { errors: fresh } : {};
  }

  private async read(): Promise<RunDelta> {
    this.passErrors = [];
    const checkpoints = await this.checkpoints.scan();
    const chosen = await this.chooseState(checkpoints);
    const sideFiles = await this.readSideFiles(chosen, checkpoints);
    const signature = [
      chosen ? `${chosen.file.path}@${chosen.file.key}` : '',
      ...checkpoints.map((c) => `${c.name}:${c.sizeBytes}:${c.mtimeMs}`),
      ...sideFiles.map((f) => `${f.path}@${f.key}`),
    ].join('|');
    if (signature === this.signature) {
      return this.errorsOnly();
    }
    this.signature = signature;
    const delta = this.wholeState(chosen, checkpoints, sideFiles);
    if (this.emitted) {
      delta.reset = true;
    }
    this.emitted = true;
    return delta;
  }

  private wholeState(chosen: Chosen | undefined, checkpoints: CheckpointDir[], sideFiles: TextFile[]): RunDelta {
    const delta: RunDelta = { files: [] };
    const config: ConfigMap = {};
    if (chosen) {
      const points = new PointCollector();
      const { skipped } = stateSeries(chosen.state, points);
      if (skipped > 0) {
        this.addError('missing-step', `${skipped} log_history entries have no step; skipped.`, chosen.file.path);
      }
      delta.points = points.take();
      Object.assign(config, stateConfig(chosen.state));
      delta.meta = stateMeta(chosen.state);
      delta.files?.push(chosen.file.path);
    }
    for (const file of sideFiles) {
      const prefix = SIDE_FILES.find(([name]) => name === path.basename(file.path))?.[1] ?? 'other';
      try {
        Object.assign(config, flattenConfig(parsePythonJson(file.text), prefix));
        delta.files?.push(file.path);
      } catch (err) {
        this.addError('bad-json', `${path.basename(file.path)} is not valid JSON: ${errorMessage(err)}`, file.path);
      }
    }
    if (Object.keys(config).length > 0) {
      delta.config = config;
    }
    if (checkpoints.length > 0) {
      delta.artifacts = { checkpoints: checkpoints.map((c) => toArtifact(c, chosen?.state)) };
    }
    if (delta.files?.length === 0) {
      delete delta.files;
    }
    // A whole state replaces the run's errors too: show exactly this pass's problems.
    if (this.passErrors.length > 0) {
      delta.errors = this.passErrors;
    }
    this.shown = new Set(this.passErrors.map((e) => this.errorKey(e)));
    this.passErrors = [];
    return delta;
  }

  private async chooseState(checkpoints: CheckpointDir[]): Promise<Chosen | undefined> {
    const root = await this.tryState(path.join(this.dir, STATE_FILE));
    let newest: Chosen | undefined;
    for (const c of checkpoints.slice(0, FALLBACK_TRIES)) {
      newest = await this.tryState(path.join(c.path, STATE_FILE));
      if (newest) {
        break;
      }
    }
    if (root && newest) {
      return newest.state.globalStep > root.state.globalStep ? newest : root;
    }
    return root ?? newest;
  }

  private async tryState(file: string): Promise<Chosen | undefined> {
    const text = await this.readText(file, MAX_STATE_BYTES);
    if (!text) {
      return undefined;
    }
    text.parsed ??= parseTrainerState(text.text);
    const parsed = text.parsed;
    if ('error' in parsed) {
      this.addError(parsed.error.code, parsed.error.message, file);
      return undefined;
    }
    return { file: text, state: parsed.state };
  }

  /** config.json / adapter_config.json from the output dir, else from the newest checkpoint; all_results.json. */
  private async readSideFiles(chosen: Chosen | undefined, checkpoints: CheckpointDir[]): Promise<TextFile[]> {
    const out: TextFile[] = [];
    const candidates = [this.dir, chosen ? path.dirname(chosen.file.path) : undefined, checkpoints[0]?.path];
    const dirs = [...new Set(candidates.filter((d): d is string => d !== undefined))];
    for (const [name] of SIDE_FILES) {
      for (const dir of dirs) {
        const text = await this.readText(path.join(dir, name), MAX_SIDE_FILE_BYTES);
        if (text) {
          out.push(text);
          break;
        }
      }
    }
    return out;
  }

  /** A file's text, re-read only when its size/mtime/inode changed; undefined if absent or empty. */
  private async readText(file: string, maxBytes: number): Promise<TextFile | undefined> {
    let st;
    try {
      st = await fs.stat(file);
    } catch {
      this.texts.delete(file);
      return undefined;
    }
    if (!st.isFile() || st.size === 0) {
      return undefined;
    }
    if (st.size > maxBytes) {
      this.addError('too-large', `${path.basename(file)} is ${st.size} bytes; not read.`, file);
      return undefined;
    }
    const key = `${st.size}:${st.mtimeMs}:${st.ino}`;
    const cached = this.texts.get(file);
    if (cached?.key === key) {
      return cached;
    }
    const text: TextFile = { path: file, key, text: await fs.readFile(file, 'utf8') };
    this.texts.set(file, text);
    return text;
  }
}

function toArtifact(c: CheckpointDir, state: TrainerState | undefined): CheckpointArtifact {
  const artifact: CheckpointArtifact = { path: c.path, sizeBytes: c.sizeBytes, mtimeMs: c.mtimeMs };
  if (c.step !== undefined) {
    artifact.step = c.step;
    const epoch = state ? epochAt(state, c.step) : undefined;
    if (epoch !== undefined) {
      artifact.epoch = epoch;
    }
  }
  const best = state?.raw.best_model_checkpoint;
  // The path was written on the training machine: compare folder names only.
  if (typeof best === 'string' && best.split(/[\\/]/).filter(Boolean).pop() === c.name) {
    artifact.label = 'best';
  } else if (c.name === LAST_CHECKPOINT_DIR) {
    artifact.label = 'last';
  }
  return artifact;
}
