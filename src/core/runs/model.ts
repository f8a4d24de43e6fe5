// The Run model every reader feeds and every view reads. Pure data: no vscode, no I/O.

/** Every on-disk format Runboard reads; also the folder name under src/core/sources. */
export const RUN_FORMATS = [
  'tensorboard',
  'wandb',
  'mlflow',
  'ultralytics',
  'lightning',
  'hf-trainer',
  'dvclive',
  'keras-csv',
  'csv',
  'jsonl',
] as const;
export type RunFormat = (typeof RUN_FORMATS)[number];

/** `stopped`: a run Runboard launched and the user stopped (see core/launch). */
export type RunStatus = 'running' | 'finished' | 'failed' | 'stopped' | 'unknown';

/** A flattened config value (nested keys are joined with `.`). */
export type ConfigValue = string | number | boolean | null;
export type ConfigMap = Record<string, ConfigValue>;

/** A named, readable problem with one file of a run. A broken file never hides the rest of the run. */
export interface RunError {
  /** Stable machine-readable code, e.g. `crc-mismatch`, `bad-magic`, `truncated-record`. */
  code: string;
  /** Readable sentence for people. */
  message: string;
  /** Absolute path of the file concerned, when there is one. */
  file?: string;
}

export interface CheckpointArtifact {
  /** Absolute path (a file, or a directory such as HF `checkpoint-80/`). */
  path: string;
  sizeBytes?: number;
  mtimeMs?: number;
  step?: number;
  epoch?: number;
  /** e.g. `best`, `last` when the name says so. */
  label?: string;
}

/** Where an image's bytes live: a file of its own, or a byte range inside another file (TensorBoard). */
export type ImageSource =
  { kind: 'file'; path: string } | { kind: 'embedded'; file: string; offset: number; length: number };

export interface ImageArtifact {
  tag: string;
  step?: number;
  wallTime?: number;
  /** `image/png`, `image/jpeg`, `image/gif`, … */
  mime: string;
  source: ImageSource;
  width?: number;
  height?: number;
}

export interface FileArtifact {
  path: string;
  /** What the file is to the run: `config`, `log`, `plot`, `prediction`, `data`, `other`. */
  role: 'config' | 'log' | 'plot' | 'prediction' | 'data' | 'other';
}

export interface RunArtifacts {
  checkpoints: CheckpointArtifact[];
  images: ImageArtifact[];
  files: FileArtifact[];
}

/** A batch of points of one series, columnar. All three arrays have the same length. */
export interface PointBatch {
  steps: Float64Array;
  values: Float64Array;
  /** Seconds since the epoch; NaN where the format has no time for the point. */
  wallTimes: Float64Array;
}

/**
 * One histogram of a tag at one step, in TensorBoard's `[k, 3]` layout: bucket i is
 * `buckets[3i]` (left edge), `buckets[3i+1]` (right edge), `buckets[3i+2]` (count).
 */
export interface HistogramSnapshot {
  step: number;
  /** Seconds since the epoch; NaN when the format has no time. */
  wallTime: number;
  buckets: Float64Array;
}

/** What a reader learned since its last poll. */
export interface RunDelta {
  /**
   * True when the reader started over (a file was rewritten or truncated): the store drops what this
   * reader gave before and takes this delta as the whole state.
   */
  reset?: boolean;
  /** New points per series name, in the order the tool keeps them. */
  points?: Map<string, PointBatch>;
  /** New histograms per tag, in step order as written (appended after what the reader gave before). */
  histograms?: Map<string, HistogramSnapshot[]>;
  /** Config keys to set (flattened). */
  config?: ConfigMap;
  /** Run metadata the format states. */
  meta?: RunMetaPatch;
  /** Artifacts to add; the store keeps each list unique by path (and tag/step for images). */
  artifacts?: Partial<RunArtifacts>;
  /** Problems found on this poll (replace none of the earlier ones unless `reset`). */
  errors?: RunError[];
  /** Absolute paths read so far (files list of the run). */
  files?: string[];
  /**
   * Poll again in this many ms even if no file changes: the reader is waiting for a file to be left
   * alone before it names a partial last record (no watcher event would come for that).
   */
  recheckInMs?: number;
}

export interface RunMetaPatch {
  project?: string;
  name?: string;
  status?: RunStatus;
  /** Seconds since the epoch. */
  startTime?: number;
  endTime?: number;
  /** Total steps or epochs when the format says, for an ETA. */
  totalSteps?: number;
  totalEpochs?: number;
}

/** A run found on disk by a format's detector, before anything is read. */
export interface DetectedRun {
  /** Stable id: `${format}:${absolute run path}`. */
  id: string;
  format: RunFormat;
  /** Absolute run directory. */
  dir: string;
  /** For formats whose run is one file (generic CSV/JSONL, Keras CSV), that file. */
  file?: string;
  project: string;
  name: string;
}

export function runId(format: RunFormat, absPath: string): string {
  return `${format}:${absPath}`;
}
