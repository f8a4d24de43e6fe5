// A reader's problems: each distinct one reported once, and at most a few per file, so a broken file
// that is polled every second cannot flood the run with the same error.
import type { RunError } from '../../runs/model';

export class ErrorLog {
  private readonly seen = new Set<string>();
  private readonly perFile = new Map<string, number>();
  private fresh: RunError[] = [];
  private kept: RunError[] = [];

  constructor(private readonly maxPerFile = 20) {}

  /** Records a problem; `key` tells repeats apart (defaults to code + file + message). */
  add(code: string, message: string, file?: string, key = `${code}\u0000${file ?? ''}\u0000${message}`): void {
    if (this.seen.has(key)) {
      return;
    }
    this.seen.add(key);
    const fileKey = file ?? '';
    const count = (this.perFile.get(fileKey) ?? 0) + 1;
    this.perFile.set(fileKey, count);
    if (count > this.maxPerFile + 1) {
      return;
    }
    const error: RunError =
      count > this.maxPerFile
        ? {
            code: 'too-many-errors',
            message: `More problems in this file are not reported (first ${this.maxPerFile} shown).`,
            file,
          }
        : { code, message, file };
    this.fresh.push(error);
    this.kept.push(error);
  }

  /** Errors added since the last call; undefined when none. */
  takeNew(): RunError[] | undefined {
    if (this.fresh.length === 0) {
      return undefined;
    }
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  /** Every error kept (a reset delta must carry them all again), and marks them as taken. */
  takeAll(): RunError[] | undefined {
    this.fresh = [];
    return this.kept.length > 0 ? [...this.kept] : undefined;
  }

  /** Forgets a key so the same problem can be reported again (e.g. a file that became readable, then broke again). */
  forget(key: string): void {
    this.seen.delete(key);
  }

  clear(): void {
    this.seen.clear();
    this.perFile.clear();
    this.fresh = [];
    this.kept = [];
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
