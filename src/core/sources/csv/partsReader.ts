// A run reader made of parts (tables, config files, artifact listings) that fill one delta per poll.
// When any part finds a rewritten file, every part starts over and the delta says `reset`.
import type { ConfigMap, RunArtifacts, RunDelta, RunError, RunMetaPatch } from '../../runs/model';
import { PointCollector } from '../../series/series';
import type { RunReader } from '../types';

export class DeltaBuilder {
  readonly points = new PointCollector();
  readonly config: ConfigMap = {};
  readonly meta: RunMetaPatch = {};
  readonly artifacts: RunArtifacts = { checkpoints: [], images: [], files: [] };
  readonly errors: RunError[] = [];
  readonly files = new Set<string>();
  /** A part saw a rewritten/truncated file: the whole run must be re-read. */
  reset = false;

  toDelta(): RunDelta {
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
    if (a.checkpoints.length || a.images.length || a.files.length) {
      delta.artifacts = {};
      if (a.checkpoints.length) {
        delta.artifacts.checkpoints = a.checkpoints;
      }
      if (a.images.length) {
        delta.artifacts.images = a.images;
      }
      if (a.files.length) {
        delta.artifacts.files = a.files;
      }
    }
    if (this.errors.length > 0) {
      delta.errors = this.errors;
    }
    if (this.files.size > 0) {
      delta.files = [...this.files];
    }
    return delta;
  }
}

export interface ReaderPart {
  /** Adds what changed since the last poll. May throw: the reader turns it into a RunError. */
  poll(out: DeltaBuilder): Promise<void>;
  /** Forgets what it gave, so the next poll gives everything again (after a reset). */
  restart(): void;
}

export class PartsReader implements RunReader {
  constructor(
    private readonly parts: ReaderPart[],
    private readonly runPath: string,
  ) {}

  async poll(): Promise<RunDelta> {
    let out = await this.collect();
    if (out.reset) {
      for (const part of this.parts) {
        part.restart();
      }
      out = await this.collect();
      out.reset = true;
    }
    return out.toDelta();
  }

  private async collect(): Promise<DeltaBuilder> {
    const out = new DeltaBuilder();
    for (const part of this.parts) {
      try {
        await part.poll(out);
      } catch (err) {
        out.errors.push({
          code: 'read-failed',
          message: `${this.runPath}: ${err instanceof Error ? err.message : String(err)}`,
          file: this.runPath,
        });
      }
    }
    return out;
  }
}
