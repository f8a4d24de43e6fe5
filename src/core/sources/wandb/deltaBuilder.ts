// Collects what one poll of a W&B run learned, then hands it over as a RunDelta.
import type {
  ConfigMap,
  FileArtifact,
  HistogramSnapshot,
  ImageArtifact,
  RunDelta,
  RunError,
  RunMetaPatch,
} from '../../runs/model';
import { PointCollector } from '../../series/series';

/** Upper bound of errors one reader reports, so a file of garbage cannot grow memory without bound. */
export const MAX_ERRORS = 200;

export class DeltaBuilder {
  readonly points = new PointCollector();
  readonly config: ConfigMap = {};
  readonly meta: RunMetaPatch = {};
  readonly images: ImageArtifact[] = [];
  readonly files: FileArtifact[] = [];
  readonly errors: RunError[] = [];
  readonly readFiles: string[] = [];
  readonly histograms = new Map<string, HistogramSnapshot[]>();

  build(reset: boolean): RunDelta {
    const delta: RunDelta = {};
    if (reset) {
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
    if (this.images.length > 0 || this.files.length > 0) {
      delta.artifacts = {};
      if (this.images.length > 0) {
        delta.artifacts.images = this.images;
      }
      if (this.files.length > 0) {
        delta.artifacts.files = this.files;
      }
    }
    if (this.histograms.size > 0) {
      delta.histograms = this.histograms;
    }
    if (this.errors.length > 0) {
      delta.errors = this.errors;
    }
    if (this.readFiles.length > 0) {
      delta.files = this.readFiles;
    }
    return delta;
  }
}

/** Counts errors across polls and stops reporting after MAX_ERRORS (saying so once). */
export class ErrorBudget {
  private count = 0;

  report(builder: DeltaBuilder, error: RunError): void {
    this.count++;
    if (this.count < MAX_ERRORS) {
      builder.errors.push(error);
    } else if (this.count === MAX_ERRORS) {
      builder.errors.push({
        code: 'too-many-errors',
        message: `more than ${MAX_ERRORS} problems; later ones are not reported`,
        file: error.file,
      });
    }
  }
}
