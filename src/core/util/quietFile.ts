// Whether a file has been left unchanged for a while: how readers tell a truncated last record from one
// a live writer has not finished flushing.
import fs from 'node:fs/promises';

export async function isQuiet(file: string, quietMs: number): Promise<boolean> {
  if (quietMs <= 0) {
    return true;
  }
  const stat = await fs.stat(file).catch(() => undefined);
  return !!stat && Date.now() - stat.mtimeMs >= quietMs;
}
