// The Compare Runs panel's message protocol: one union per direction, exhaustive switches on `type`.
import type { RunHeaderDto, SeriesDataDto, SeriesInfoDto, XAxisMode } from './runProtocol';

export interface CompareRunDto {
  id: string;
  name: string;
  /** Unique display name: the name, plus the shortest distinguishing suffix when names repeat. */
  label: string;
  project: string;
  /** The run's folder (tooltips). */
  dir: string;
  formatLabel: string;
  status: RunHeaderDto['status'];
  /** Seconds since the epoch, for the relative-time x axis. */
  startTime?: number;
  /** Index into the colour palette; stable for a run while it stays in the comparison. */
  color: number;
}

/** Points of one metric of one run. */
export interface CompareSeriesDto extends SeriesDataDto {
  runId: string;
}

//#region host → webview
export type CompareToWebview =
  /** Everything: after `ready` and whenever runs are added or removed. */
  | {
      type: 'snapshot';
      runs: CompareRunDto[];
      data: CompareSeriesDto[];
      infos: (SeriesInfoDto & { runId: string })[];
      configs: Record<string, [string, string][]>;
      /** Config keys (glob patterns) the diff ignores (setting runboard.compare.ignoreKeys). */
      ignoreKeys: string[];
    }
  /** New points at the end of some series of live runs. */
  | { type: 'append'; data: CompareSeriesDto[]; infos: (SeriesInfoDto & { runId: string })[] }
  /** A run's status changed. */
  | { type: 'runs'; runs: CompareRunDto[] }
  /** The answer to `requestRange`: each asked run's points of `metric` in the window. */
  | { type: 'range'; requestId: number; metric: string; data: CompareSeriesDto[] };
//#endregion

//#region webview → host
export type CompareFromWebview =
  /** The webview listens now: send the snapshot. */
  | { type: 'ready' }
  /** Ask the user for more runs to add (quick pick on the host). */
  | { type: 'addRuns' }
  /** Take a run out of the comparison. */
  | { type: 'removeRun'; runId: string }
  /** One metric's points of these runs with x in [xMin, xMax] (x: step, or seconds since each run's
   * start), min/max-decimated to `buckets` per run (full resolution when few). */
  | {
      type: 'requestRange';
      requestId: number;
      metric: string;
      runIds: string[];
      xAxis: CompareXAxis;
      xMin: number;
      xMax: number;
      buckets: number;
    }
  /** Open a run's dashboard. */
  | { type: 'openRun'; runId: string }
  /** Save the summary table (CSV text made by the webview) where the user picks. */
  | { type: 'exportSummaryCsv'; csv: string }
  /** Write a Markdown report with chart PNGs into a folder the user picks. */
  | { type: 'exportReport'; markdown: string; charts: { file: string; dataUrl: string }[] };
//#endregion

export type BaselineMode = 'off' | 'difference' | 'ratio';
/** Step, time since each run's own start, or wall-clock time. */
export type CompareXAxis = XAxisMode;

/**
 * Buckets per run (each keeps at most its first, min, max and last point): fewer when many runs share a
 * chart, so a chart holds about 50k points at most, all redrawn on a zoom or pan. 50 runs get 250
 * buckets each; zooming in fetches the window at full resolution (when it holds ≤ 4 × buckets points,
 * else that window downsampled again).
 */
export function bucketsFor(runCount: number): number {
  return Math.max(100, Math.min(1000, Math.floor(12_500 / Math.max(1, runCount))));
}

/** Persisted UI state of the Compare panel (never run data). */
export interface CompareViewState {
  runIds: string[];
  smoothing: number;
  logY: boolean;
  logX: boolean;
  xAxis: CompareXAxis;
  onlyCommon: boolean;
  showAllConfig: boolean;
  search: string;
  hidden: string[];
  baseline?: string;
  baselineMode: BaselineMode;
  /** Summary columns whose "better" direction the user flipped. */
  flipped: string[];
}

export function defaultCompareViewState(runIds: string[]): CompareViewState {
  return {
    runIds,
    smoothing: 0.6,
    logY: false,
    logX: false,
    xAxis: 'step',
    onlyCommon: false,
    showAllConfig: false,
    search: '',
    hidden: [],
    baselineMode: 'off',
    flipped: [],
  };
}

/** Distinct colours that read on light and dark backgrounds; run i gets PALETTE[i % length] (see runStyle). */
export const PALETTE = [
  '#3b82f6',
  '#f97316',
  '#22c55e',
  '#ef4444',
  '#a855f7',
  '#14b8a6',
  '#eab308',
  '#ec4899',
  '#64748b',
  '#84cc16',
  '#06b6d4',
  '#f43f5e',
  '#8b5cf6',
  '#10b981',
  '#f59e0b',
  '#6366f1',
  '#d946ef',
  '#0ea5e9',
  '#78716c',
  '#65a30d',
];

/**
 * Config keys the Compare diff leaves out by default: seeds, paths, folders, timestamps, trackers' own
 * keys. Matched on the whole key or its last part (configDiff.ts ignoreMatcher), so `*dir` catches
 * `output_dir` and `logdir` but not `bidirectional`, and `*_path` catches `checkpoint_path` but not
 * `drop_path_rate`; `!drop_path` keeps timm's stochastic-depth rate, which only looks like a path.
 * The same list is package.json's default for runboard.compare.ignoreKeys (a unit test keeps them equal).
 */
export const DEFAULT_IGNORE_KEYS: readonly string[] = [
  '*seed',
  'path',
  '*_path',
  '*_paths',
  '*dir',
  'dirpath',
  'timestamp',
  '*_timestamp',
  'date',
  '*_date',
  'datetime',
  'start_time',
  'end_time',
  '_wandb*',
  'mlflow.*',
  'tags.mlflow.*',
  '!drop_path',
  '!*_drop_path',
];

/** Line dashes for each pass through the palette: runs 0–19 solid, 20–39 dashed, 40–59 dotted, 60–79 dash-dot. */
export const DASHES: readonly (readonly number[])[] = [[], [7, 3], [2, 3], [9, 3, 2, 3]];

/**
 * The colour and dash of the run with colour index `index`: no cap on runs, so past the palette the
 * colours come round again with a different dash (80 distinct styles before any repeats).
 */
export function runStyle(index: number): { color: string; dash: readonly number[]; dashIndex: number } {
  const dashIndex = Math.floor(index / PALETTE.length) % DASHES.length;
  return { color: PALETTE[index % PALETTE.length], dash: DASHES[dashIndex], dashIndex };
}
