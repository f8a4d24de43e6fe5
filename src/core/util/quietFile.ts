// Whether a file has been left unchanged for a while: how readers tell a truncated last record from one
// a live writer has not finished flushing.
import fs from 'node:fs/promises';

/** Milliseconds until `file` will have been unchanged for `quietMs` (0: it already has; Infinity: gone). */
export async function quietIn(file: string, quietMs: number): Promise<number> {
  if (quietMs <= 0) {
    return 0;
  }
  const stat = await fs.stat(file).catch(() => undefined);
  // A modification time in the future (a wrong clock, an archive) counts as "just written", not as a
  // wait longer than quietMs.
  return stat ? Math.min(quietMs, Math.max(0, quietMs - (Date.now() - stat.mtimeMs))) : Infinity;
}

export async function isQuiet(file: string, quietMs: number): Promise<boolean> {
  return (await quietIn(file, quietMs)) === 0;
}

/** The sooner of two "poll again in" times (undefined: no need). */
export function sooner(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}
