// A run reader made of parts (tables, config files, artifact listings) that fill one delta per poll.
// When any part finds a rewritten file, every part starts over and the delta says `reset`.
import { DeltaBuilder } from '../../runs/deltaBuilder';
import type { RunDelta } from '../../runs/model';
import type { RunReader } from '../types';

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
    return out.build();
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
