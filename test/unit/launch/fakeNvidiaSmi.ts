// Writes an executable `nvidia-smi` that prints the given text and exits with `code` (POSIX only).
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../support/tempDirs';

/** Returns the folder holding the fake, to put first on PATH. */
export function writeFakeNvidiaSmi(output: string, code = 0): string {
  const dir = tempDir('rb-fake-smi-');
  const data = path.join(dir, 'output.csv');
  fs.writeFileSync(data, output);
  const script = `#!/bin/sh\ncat '${data}'\nexit ${code}\n`;
  fs.writeFileSync(path.join(dir, 'nvidia-smi'), script, { mode: 0o755 });
  return dir;
}
