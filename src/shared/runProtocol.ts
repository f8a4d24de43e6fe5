// The run dashboard's message protocol: one union per direction. The host handler and the webview
// handler switch exhaustively on `type`. Typed arrays travel as they are (structured clone).

/** What the header shows about a run. */
export interface RunHeaderDto {
  id: string;
  name: string;
  project: string;
  format: string;
  formatLabel: string;
  status: 'running' | 'finished' | 'failed' | 'stopped' | 'unknown';
  dir: string;
  /** Seconds since the epoch. */
  startTime?: number;
  endTime?: number;
  /** ms since the epoch of the last growth (file times: a copied run's are the copy's). */
  lastUpdate: number;
  /** Seconds since the epoch of the latest logged point that has a time. */
  lastLogTime?: number;
  currentStep?: number;
  totalSteps?: number;
  totalEpochs?: number;
  /** The latest epoch seen (for an ETA against totalEpochs). */
  currentEpoch?: number;
  /** The run counts epochs from 1 (its first logged epoch is 1): epoch n of n is the last, not n+1. */
  epochsFromOne?: boolean;
  errors: { code: string; message: string; file?: string }[];
}

/** Summary of one series (summary table, chart titles). */
export interface SeriesInfoDto {
  name: string;
  n: number;
  last?: [number, number];
  min?: number;
  max?: number;
  minStep?: number;
  maxStep?: number;
}

/** Points of one series: a decimated overview, a full-resolution range, or appended points. */
export interface SeriesDataDto {
  name: string;
  steps: Float64Array;
  values: Float64Array;
  wallTimes: Float64Array;
  /** True when these are every point in the range (no decimation). */
  full: boolean;
}

export interface FileEntryDto {
  path: string;
  label: string;
  kind: 'checkpoint' | 'image' | 'log' | 'config' | 'file';
  /** e.g. "epoch 4 · 12 MB". */
  detail?: string;
  /** Steps of checkpoints, for markers on the curves. */
  step?: number;
  /** When a checkpoint was last written (s since the epoch): places one saved after the last log on a time axis. */
  savedAt?: number;
  /** The run's best checkpoint (labelled `best` by its format). */
  best?: boolean;
}

export type XAxisMode = 'step' | 'wall' | 'relative';

/**
 * A histogram tag, compact: at most ~100 steps (evenly sampled, the last always kept), each re-binned
 * to the same `bins` equal-width bins over [min, max] (the tag's range over every step).
 */
export interface HistogramDto {
  tag: string;
  min: number;
  max: number;
  bins: number;
  steps: number[];
  /** Seconds since the epoch per step (NaN when unknown). */
  wallTimes: number[];
  /** `steps.length * bins` counts, row per step. */
  counts: Float64Array;
}

/** One image of the run: a file served through the webview (`src`), or bytes inside another file
 * (TensorBoard) that the webview asks for with `requestImage`. */
export interface ImageDto {
  /** Stable key of this image within the run. */
  key: string;
  tag: string;
  step?: number;
  mime: string;
  /** Absolute path of the file (to open it in VS Code), when the image is a file of its own. */
  path?: string;
  /** A webview URI for the file, when it is one and inside the run folder. */
  src?: string;
  /** Why the image is not shown (e.g. its path leaves the run folder). */
  error?: string;
}

//#region host → webview
export type RunToWebview =
  /** Everything, after `ready` and after the run's files were rewritten. */
  | {
      type: 'snapshot';
      header: RunHeaderDto;
      config: [string, string][];
      series: SeriesInfoDto[];
      overviews: SeriesDataDto[];
      files: FileEntryDto[];
      images: ImageDto[];
      /** The end of the run's console log (ANSI stripped, progress bars collapsed). */
      logTail?: string;
      /** The log file `logTail` comes from (for "open the full file"). */
      logFile?: string;
      histograms: HistogramDto[];
    }
  /** Status, step or errors changed. */
  | { type: 'header'; header: RunHeaderDto }
  /** New points at the end of some series (only what was appended). */
  | { type: 'append'; data: SeriesDataDto[]; series: SeriesInfoDto[] }
  /** Config or files changed. */
  | { type: 'details'; config: [string, string][]; files: FileEntryDto[]; images: ImageDto[] }
  /** The console log's tail changed (the whole tail, it is small). */
  | { type: 'log'; logTail: string; logFile: string }
  /** Histograms of these tags changed (each tag whole, it is small). */
  | { type: 'histograms'; histograms: HistogramDto[] }
  /** The bytes of an embedded image, as a data URL (answer to `requestImage`). */
  | { type: 'image'; key: string; dataUrl?: string; error?: string }
  /** The answer to `requestRange`. */
  | { type: 'range'; requestId: number; data: SeriesDataDto };
//#endregion

//#region webview → host
export type RunFromWebview =
  /** The webview listens now: send the snapshot. */
  | { type: 'ready' }
  /** Points of one series with x in [xMin, xMax], at most ~4 per bucket (full resolution when few). */
  | {
      type: 'requestRange';
      requestId: number;
      name: string;
      xAxis: XAxisMode;
      xMin: number;
      xMax: number;
      buckets: number;
    }
  /** The bytes of an image that lives inside another file (TensorBoard). */
  | { type: 'requestImage'; key: string }
  /** Open a file of the run in VS Code. */
  | { type: 'openFile'; path: string }
  /** Open one of the run's checkpoints in the Checkpoint Inspector (the host checks it is one). */
  | { type: 'openCheckpoint'; path: string }
  /** Save every point of a series as CSV (the host asks where). */
  | { type: 'exportCsv'; name: string }
  /** Save a chart image (PNG data URL) (the host asks where). */
  | { type: 'exportPng'; name: string; dataUrl: string };
//#endregion

/** Persisted webview UI state (getState/setState and the panel serializer). Never run data. */
export interface RunViewState {
  runId: string;
  smoothing: number;
  logY: boolean;
  logX: boolean;
  xAxis: XAxisMode;
  ignoreOutliers: boolean;
  search: string;
  pinned: string[];
  collapsed: string[];
  /** How the Histograms section draws: TensorBoard's ridge lines or percentile bands. */
  histogramMode: HistogramMode;
}

export type HistogramMode = 'offset' | 'distribution';

export function defaultRunViewState(runId: string): RunViewState {
  return {
    runId,
    smoothing: 0.6,
    logY: false,
    logX: false,
    xAxis: 'step',
    ignoreOutliers: false,
    search: '',
    pinned: [],
    collapsed: [],
    histogramMode: 'offset',
  };
}

/** Section of a metric: the text before its first `/` (TensorBoard's grouping), else "metrics". */
export function sectionOf(name: string): string {
  const slash = name.indexOf('/');
  if (slash > 0) {
    return name.slice(0, slash);
  }
  if (/^(lr|learning_rate)/i.test(name)) {
    return 'lr';
  }
  return 'metrics';
}
