// Captures a launched run's console into a log file while the program keeps a real terminal: the
// command runs under util-linux (Linux) or BSD (macOS) `script`, which gives it a pseudo-terminal (so
// progress bars and colours behave as in a terminal), copies everything to the log, and exits with the
// program's exit code. Where there is no usable `script` (Windows, BusyBox) the run is not captured.
import fs from 'node:fs/promises';
import path from 'node:path';
import { posixJoin, posixQuote } from './shellQuote';

export interface CaptureTool {
  flavour: 'util-linux' | 'bsd';
  /** Absolute path of the `script` executable. */
  script: string;
}

/** Finds `script` on PATH for this platform, or says why the console cannot be captured. */
export async function findCaptureTool(
  platform: NodeJS.Platform,
  pathEnv: string | undefined,
): Promise<CaptureTool | { missing: string }> {
  const flavour = platform === 'linux' ? 'util-linux' : platform === 'darwin' ? 'bsd' : undefined;
  if (!flavour) {
    return { missing: `console capture is not supported on ${platform}` };
  }
  const script = await findExecutable('script', pathEnv);
  if (!script) {
    return { missing: '`script` is not on PATH (util-linux on Linux)' };
  }
  // BusyBox `script` has no option to return the program's exit code.
  const real = await fs.realpath(script).catch(() => script);
  if (path.basename(real) === 'busybox') {
    return { missing: `${script} is BusyBox's, which cannot return the exit code` };
  }
  return { flavour, script };
}

/** The first executable file called `name` in the PATH directories, like `command -v`. */
export async function findExecutable(name: string, pathEnv: string | undefined): Promise<string | undefined> {
  for (const dir of (pathEnv ?? '').split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    const candidate = path.join(dir, name);
    try {
      const stat = await fs.stat(candidate);
      if (stat.isFile()) {
        await fs.access(candidate, fs.constants.X_OK);
        return candidate;
      }
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The POSIX command line that runs `inner` (a shell command line) under `script`, logging to `logPath`.
 * util-linux runs `inner` with `$SHELL -c`; BSD `script` takes the program and its arguments, so it
 * runs `shell -c inner`.
 */
export function captureCommandLine(tool: CaptureTool, inner: string, logPath: string, shell: string): string {
  if (tool.flavour === 'util-linux') {
    // -q: no start/done messages in the terminal; -f: flush after each write (the tail is live);
    // -e: exit with the program's exit code.
    // SHELL=/bin/sh: `inner` is quoted for a POSIX shell, and util-linux runs it with $SHELL (fish or
    // nushell as a login shell would misread it).
    return `SHELL=/bin/sh ${posixQuote(tool.script)} -q -f -e -c ${posixQuote(inner)} ${posixQuote(logPath)}`;
  }
  // -F: flush after each write. BSD `script` exits with the program's exit code.
  return posixJoin([tool.script, '-q', '-F', logPath, shell, '-c', inner]);
}

/** util-linux `script` ends its log with `[COMMAND_EXIT_CODE="3"]`: the program's exit code. */
export function exitCodeFromLog(text: string): number | undefined {
  const matches = [...text.matchAll(/\[COMMAND_EXIT_CODE="(\d+)"\]/g)];
  const last = matches.at(-1);
  return last ? Number(last[1]) : undefined;
}

/** Reads the exit code from the end of a log file (undefined when it has none or cannot be read). */
export async function readExitCodeFromLog(logPath: string): Promise<number | undefined> {
  try {
    const handle = await fs.open(logPath, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, 4096);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      return exitCodeFromLog(buffer.toString('utf8'));
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
