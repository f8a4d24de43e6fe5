// The state of one run: what its reader's deltas add up to. Used by the RunStore and by the CLI.
import { Series } from '../series/series';
import { thinHistograms } from '../sources/histogramReservoir';
import type {
  CheckpointArtifact,
  ConfigMap,
  DetectedRun,
  FileArtifact,
  HistogramSnapshot,
  ImageArtifact,
  RunDelta,
  RunError,
  RunFormat,
  RunStatus,
} from './model';

/** Which points each series gained from one delta: series name → index of its first new point. */
export interface AppliedDelta {
  reset: boolean;
  appended: Map<string, number>;
  metaChanged: boolean;
  /** Tags whose histograms grew. */
  histogramsChanged: string[];
}

export class RunState {
  readonly id: string;
  readonly format: RunFormat;
  readonly dir: string;
  readonly file?: string;
  project: string;
  name: string;
  status: RunStatus = 'unknown';
  /** Status stated by the format itself (exit record, MLflow status); wins over the quiet-period guess. */
  statedStatus?: RunStatus;
  /** Status of the process Runboard launched for this run (core/launch); wins over the quiet-period guess. */
  launchStatus?: RunStatus;
  /** Exit code of that process once it ended. */
  launchExitCode?: number;
  /** Series added from outside the reader (launched-run `system/*` samples); kept when the reader resets. */
  readonly externalSeries = new Set<string>();
  /** Files added from outside the reader (a launched run's console log); kept when the reader resets. */
  externalFiles: FileArtifact[] = [];
  startTime?: number;
  endTime?: number;
  /** ms since epoch of the last delta that carried data. */
  lastUpdate = 0;
  /**
   * ms since epoch when the run was first read (its files' newest mtime then): a recency that does
   * not move while the run grows, so sorting by it does not reorder live rows under the cursor.
   */
  firstSeen?: number;
  totalSteps?: number;
  totalEpochs?: number;
  config: ConfigMap = {};
  readonly series = new Map<string, Series>();
  /** Histograms per tag, in the order written. */
  readonly histograms = new Map<string, HistogramSnapshot[]>();
  checkpoints: CheckpointArtifact[] = [];
  images: ImageArtifact[] = [];
  otherFiles: FileArtifact[] = [];
  errors: RunError[] = [];
  files = new Set<string>();

  constructor(run: DetectedRun) {
    this.id = run.id;
    this.format = run.format;
    this.dir = run.dir;
    this.file = run.file;
    this.project = run.project;
    this.name = run.name;
  }

  apply(delta: RunDelta, now = Date.now()): AppliedDelta {
    const reset = !!delta.reset;
    if (reset) {
      for (const name of [...this.series.keys()]) {
        if (!this.externalSeries.has(name)) {
          this.series.delete(name);
        }
      }
      this.histograms.clear();
      this.config = {};
      this.checkpoints = [];
      this.images = [];
      this.otherFiles = [...this.externalFiles];
      this.errors = [];
    }
    const appended = new Map<string, number>();
    for (const [name, batch] of delta.points ?? []) {
      if (batch.steps.length === 0) {
        continue;
      }
      let series = this.series.get(name);
      if (!series) {
        series = new Series(name);
        this.series.set(name, series);
      }
      appended.set(name, series.length);
      series.append(batch);
    }
    const histogramsChanged: string[] = [];
    for (const [tag, snapshots] of delta.histograms ?? []) {
      if (snapshots.length === 0) {
        continue;
      }
      // Readers send a stride-sampled stream; thinning here keeps a live tag at ≤ 500 snapshots.
      const kept = this.histograms.get(tag) ?? [];
      kept.push(...snapshots);
      thinHistograms(kept);
      this.histograms.set(tag, kept);
      histogramsChanged.push(tag);
    }
    if (delta.config) {
      Object.assign(this.config, delta.config);
    }
    const metaChanged = this.applyMeta(delta);
    this.applyArtifacts(delta);
    if (delta.errors?.length) {
      this.errors.push(...delta.errors);
    }
    for (const file of delta.files ?? []) {
      this.files.add(file);
    }
    if (appended.size > 0 || histogramsChanged.length > 0 || reset) {
      this.lastUpdate = now;
    }
    return { reset, appended, metaChanged, histogramsChanged };
  }

  private applyMeta(delta: RunDelta): boolean {
    const meta = delta.meta;
    if (!meta) {
      return false;
    }
    if (meta.project !== undefined) {
      this.project = meta.project;
    }
    if (meta.name !== undefined) {
      this.name = meta.name;
    }
    if (meta.status !== undefined) {
      this.statedStatus = meta.status;
    }
    if (meta.startTime !== undefined) {
      this.startTime = meta.startTime;
    }
    if (meta.endTime !== undefined) {
      this.endTime = meta.endTime;
    }
    if (meta.totalSteps !== undefined) {
      this.totalSteps = meta.totalSteps;
    }
    if (meta.totalEpochs !== undefined) {
      this.totalEpochs = meta.totalEpochs;
    }
    return true;
  }

  private applyArtifacts(delta: RunDelta): void {
    const a = delta.artifacts;
    if (!a) {
      return;
    }
    if (a.checkpoints) {
      this.checkpoints = mergeBy(this.checkpoints, a.checkpoints, (c) => c.path);
    }
    if (a.images) {
      this.images = mergeBy(this.images, a.images, imageKey);
    }
    if (a.files) {
      this.otherFiles = mergeBy(this.otherFiles, a.files, (f) => f.path);
    }
  }
}

function imageKey(image: ImageArtifact): string {
  const src = image.source.kind === 'file' ? image.source.path : `${image.source.file}@${image.source.offset}`;
  return `${image.tag}\u0000${image.step ?? ''}\u0000${src}`;
}

/** Later entries replace earlier ones with the same key; order of first appearance is kept. */
function mergeBy<T>(current: T[], added: T[], key: (item: T) => string): T[] {
  const map = new Map<string, T>();
  for (const item of current) {
    map.set(key(item), item);
  }
  for (const item of added) {
    map.set(key(item), item);
  }
  return [...map.values()];
}
