// Temporary folders for tests that hand them to code they do not control the end of (a fake
// nvidia-smi on PATH): removed when the test process exits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made = new Set<string>();

export function tempDir(prefix: string): string {
  if (made.size === 0) {
    process.once('exit', () => {
      for (const dir of made) {
        try {
          fs.rmSync(dir, { recursive: true, force: true });
        } catch {
          // left for the OS to clean
        }
      }
    });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}
