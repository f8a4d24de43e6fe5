// Small writers the CSV-family tests own: temp dirs, CSV text with Python-style quoting, growing files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SourceFormat } from '../../../../src/core/sources/types';
import type { RunDelta } from '../../../../src/core/runs/model';
import { RunState } from '../../../../src/core/runs/runState';
import { listDir, fsDetectIo } from '../../../../src/core/watch/fsDetectIo';

export function tempDir(prefix = 'runboard-csv-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `text` (string or bytes) to dir/rel, creating folders. Returns the absolute path. */
export function put(dir: string, rel: string, text: string | Uint8Array): string {
  const file = path.join(dir, ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

export function append(file: string, text: string): void {
  fs.appendFileSync(file, text);
}

/** One CSV cell as Python's csv module writes it (QUOTE_MINIMAL). */
export function cell(value: string | number): string {
  const s = typeof value === 'number' ? pyNumber(value) : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function pyNumber(v: number): string {
  if (Number.isNaN(v)) {
    return 'nan';
  }
  if (v === Infinity) {
    return 'inf';
  }
  if (v === -Infinity) {
    return '-inf';
  }
  return String(v);
}

/** CSV text with `\r\n` line ends (Python csv default) or `\n`. */
export function csv(rows: (string | number)[][], eol = '\r\n', sep = ','): string {
  return rows.map((r) => r.map(cell).join(sep) + eol).join('');
}

/** Detects with `format` on the folder and returns the detection (real listing and head reads). */
export async function detectIn(format: SourceFormat, dir: string) {
  const listing = await listDir(dir);
  if (!listing) {
    throw new Error(`cannot list ${dir}`);
  }
  return format.detect(listing, fsDetectIo);
}

/** A reader plus the state its deltas add up to, for growth tests. */
export class Follow {
  readonly state: RunState;
  readonly reader;
  readonly deltas: RunDelta[] = [];

  constructor(format: SourceFormat, run: Parameters<SourceFormat['createReader']>[0]) {
    this.state = new RunState(run);
    this.reader = format.createReader(run);
  }

  async poll(): Promise<RunDelta> {
    const delta = await this.reader.poll();
    this.deltas.push(delta);
    this.state.apply(delta);
    return delta;
  }

  /** Polls until a poll brings nothing new (as readRunOnce does), at most 10 times. */
  async settle(): Promise<void> {
    for (let i = 0; i < 10; i++) {
      const d = await this.poll();
      if (!d.reset && !(d.points && [...d.points.values()].some((b) => b.steps.length > 0))) {
        return;
      }
    }
  }

  values(name: string): number[] {
    return [...(this.state.series.get(name)?.values ?? [])];
  }

  steps(name: string): number[] {
    return [...(this.state.series.get(name)?.steps ?? [])];
  }

  codes(): string[] {
    return this.state.errors.map((e) => e.code);
  }
}
