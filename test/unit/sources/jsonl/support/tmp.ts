// Temporary folders for reader tests, removed after each suite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class TempDir {
  readonly root: string;

  constructor(prefix = 'runboard-test-') {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  }

  path(...parts: string[]): string {
    return path.join(this.root, ...parts);
  }

  /** Writes a file (creating folders); returns its absolute path. */
  write(rel: string, content: string | Uint8Array): string {
    const file = this.path(rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  }

  append(rel: string, content: string): string {
    const file = this.path(rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.appendFileSync(file, content);
    return file;
  }

  mkdir(rel: string): string {
    const dir = this.path(rel);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** JSON the way Python's json.dumps writes it: bare NaN / Infinity / -Infinity. */
export function pythonJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v !== 'number' || Number.isFinite(v)) {
        return v;
      }
      return Number.isNaN(v) ? '@@NaN@@' : v > 0 ? '@@Infinity@@' : '@@-Infinity@@';
    },
    indent,
  );
  return text.replace(/"@@(NaN|Infinity|-Infinity)@@"/g, '$1');
}
