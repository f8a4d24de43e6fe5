// Reads a run's `run-<id>.wandb` transaction log incrementally (FileTail) into a LogDecoder.
import { quietIn, sooner } from '../../util/quietFile';
import type { DeltaBuilder } from '../../runs/deltaBuilder';
import { FileTail, MAX_TAIL_CHUNK } from '../../util/fileTail';
import type { ErrorBudget } from './errorBudget';
import { LogDecoder } from './logDecoder';

export interface WandbLogOptions {
  /** A partial record at the end of a file quiet for this long is reported as truncated. */
  quietMs: number;
  /** Appended to the run's display name (a resumed run's later part). */
  nameSuffix: string;
}

export class WandbLog {
  private readonly tail: FileTail;
  private readonly decoder: LogDecoder;
  private truncationReported = false;

  constructor(
    readonly file: string,
    filesDir: string,
    private readonly options: WandbLogOptions,
  ) {
    this.tail = new FileTail(file);
    this.decoder = new LogDecoder(file, filesDir, options.nameSuffix);
  }

  /** Reads what was appended; returns true when the file was rewritten (the caller starts over). */
  async poll(b: DeltaBuilder, budget: ErrorBudget): Promise<boolean> {
    const chunk = await this.tail.read();
    if (chunk.reset) {
      return true;
    }
    this.decoder.feed(chunk.bytes, b, budget);
    if (!this.decoder.hasPartial) {
      this.truncationReported = false;
    } else if (!this.truncationReported && chunk.bytes.length < MAX_TAIL_CHUNK && (await this.quiet(b))) {
      // A live log can end mid-record (wandb-core writes whole 32 KiB blocks), so only a quiet file counts.
      this.truncationReported = true;
      budget.report(b, {
        code: 'truncated-record',
        message: `the file ends inside a record (after byte ${this.decoder.position}): truncated, or still being written`,
        file: this.file,
      });
    }
    return false;
  }

  /** Whether the file has been left alone long enough; if not, asks for a poll once it will have been. */
  private async quiet(b: DeltaBuilder): Promise<boolean> {
    const wait = await quietIn(this.file, this.options.quietMs);
    if (wait > 0 && Number.isFinite(wait)) {
      b.recheckInMs = sooner(b.recheckInMs, wait + 50);
    }
    return wait === 0;
  }
}
