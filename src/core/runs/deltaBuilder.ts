// Collects what one poll of a run reader learned, then builds it into a RunDelta. Nothing else.
import { PointCollector } from '../series/series';
import type { ConfigMap, HistogramSnapshot, RunArtifacts, RunDelta, RunError, RunMetaPatch } from './model';

export class DeltaBuilder {
  readonly points = new PointCollector();
  readonly config: ConfigMap = {};
  readonly meta: RunMetaPatch = {};
  readonly artifacts: RunArtifacts = { checkpoints: [], images: [], files: [] };
  readonly histograms = new Map<string, HistogramSnapshot[]>();
  readonly errors: RunError[] = [];
  /** Absolute paths read on this poll, in the order first read. */
  readonly files = new Set<string>();
  /** The reader started over (a file was rewritten or truncated): the delta is the whole state. */
  reset = false;
  /** Poll again in this many ms even without a file event (see RunDelta.recheckInMs). */
  recheckInMs?: number;

  /** Adds histogram snapshots (after those of the same tag already collected). */
  addHistograms(taken: Iterable<[string, HistogramSnapshot[]]>): void {
    for (const [tag, snapshots] of taken) {
      this.histograms.set(tag, [...(this.histograms.get(tag) ?? []), ...snapshots]);
    }
  }

  /** The delta: only what was collected is present (an empty poll gives `{}`). */
  build(): RunDelta {
    const delta: RunDelta = {};
    if (this.reset) {
      delta.reset = true;
    }
    if (this.points.size > 0) {
      delta.points = this.points.take();
    }
    if (Object.keys(this.config).length > 0) {
      delta.config = this.config;
    }
    if (Object.keys(this.meta).length > 0) {
      delta.meta = this.meta;
    }
    const a = this.artifacts;
    if (a.checkpoints.length > 0 || a.images.length > 0 || a.files.length > 0) {
      delta.artifacts = {};
      if (a.checkpoints.length > 0) {
        delta.artifacts.checkpoints = a.checkpoints;
      }
      if (a.images.length > 0) {
        delta.artifacts.images = a.images;
      }
      if (a.files.length > 0) {
        delta.artifacts.files = a.files;
      }
    }
    if (this.histograms.size > 0) {
      delta.histograms = this.histograms;
    }
    if (this.errors.length > 0) {
      delta.errors = this.errors;
    }
    if (this.files.size > 0) {
      delta.files = [...this.files];
    }
    if (this.recheckInMs !== undefined) {
      delta.recheckInMs = this.recheckInMs;
    }
    return delta;
  }
}
