// The end of a run's console log for the dashboard: the most recently modified file the run lists
// with role `log` (W&B `files/output.log`, a launched run's task output). The first read takes the
// last LOG_TAIL_BYTES; later reads take only the appended bytes (bounded too). A log is only read here,
// never served to the webview, so it may live outside the run folder. No vscode.
import fs from 'node:fs/promises';
import type { RunState } from '../../core/runs/runState';
import { consoleText } from './runLogText';

/** Raw bytes of log kept (and read at most per call). */
export const LOG_TAIL_BYTES = 64 * 1024;

export interface LogTailText {
  file: string;
  text: string;
}

export class RunLogTail {
  private file?: string;
  private ino = -1;
  private offset = 0;
  private raw = '';
  private decoder = new TextDecoder();

  /** The cleaned tail of the run's newest log, or undefined when it has none (or it cannot be read). */
  async read(run: RunState): Promise<LogTailText | undefined> {
    const file = await newestLog(run);
    if (!file) {
      return undefined;
    }
    try {
      await this.readFrom(file);
    } catch {
      return this.file === file ? { file, text: consoleText(this.raw) } : undefined;
    }
    return { file, text: consoleText(this.raw) };
  }

  private async readFrom(file: string): Promise<void> {
    const handle = await fs.open(file, 'r');
    try {
      const stat = await handle.stat();
      const restart = file !== this.file || stat.ino !== this.ino || stat.size < this.offset;
      if (restart) {
        this.file = file;
        this.ino = stat.ino;
        this.raw = '';
        this.decoder = new TextDecoder();
        this.offset = Math.max(0, stat.size - LOG_TAIL_BYTES);
      }
      // Far behind (a burst of output): skip to the last LOG_TAIL_BYTES.
      const start = Math.max(this.offset, stat.size - LOG_TAIL_BYTES);
      const skipped = start > this.offset || (restart && start > 0);
      const length = stat.size - start;
      if (length <= 0) {
        return;
      }
      const bytes = Buffer.alloc(length);
      const { bytesRead } = await handle.read(bytes, 0, length, start);
      this.offset = start + bytesRead;
      if (skipped) {
        this.decoder = new TextDecoder();
      }
      let text = this.decoder.decode(bytes.subarray(0, bytesRead), { stream: true });
      if (skipped) {
        // Started mid-file: drop the partial first line.
        const nl = text.indexOf('\n');
        text = nl >= 0 ? text.slice(nl + 1) : '';
        this.raw = '';
      }
      this.raw = (this.raw + text).slice(-LOG_TAIL_BYTES);
    } finally {
      await handle.close();
    }
  }
}

/**
 * The log to show: a launched run's console log when it has one (it holds everything the task printed),
 * else the run's role-`log` file modified last (files that cannot be stat'ed are skipped). Preferring
 * one source keeps the Console from flipping between two logs that both grow.
 */
async function newestLog(run: RunState): Promise<string | undefined> {
  return (await newestOf(run.externalFiles)) ?? newestOf(run.otherFiles);
}

async function newestOf(files: RunState['otherFiles']): Promise<string | undefined> {
  let newest: { file: string; mtime: number } | undefined;
  for (const f of files) {
    if (f.role !== 'log') {
      continue;
    }
    const stat = await fs.stat(f.path).catch(() => undefined);
    if (stat?.isFile() && (!newest || stat.mtimeMs > newest.mtime)) {
      newest = { file: f.path, mtime: stat.mtimeMs };
    }
  }
  return newest?.file;
}
