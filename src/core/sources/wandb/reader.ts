// Reads one W&B run dir: the `.wandb` transaction log when there is one (the live source), plus the
// plain files (`files/output.log`, media, and for runs without a log config/summary/history files).
import fs from 'node:fs/promises';
import path from 'node:path';
import { DeltaBuilder } from '../../runs/deltaBuilder';
import type { DetectedRun, RunDelta } from '../../runs/model';
import { listDir } from '../../watch/fsDetectIo';
import { DEFAULT_TRUNCATION_QUIET_MS, type RunReader } from '../types';
import { wandbLogFile } from './detect';
import { ErrorBudget } from './errorBudget';
import { MediaScanner } from './media';
import { parseRunDirName, resumeSuffix } from './runDirs';
import { RunFiles } from './runFiles';
import { WandbLog } from './wandbLog';

export interface WandbReaderOptions {
  /** A record cut off at the end of a file unchanged for this long is reported as truncated. */
  quietMs?: number;
}

// wandb-core writes whole 32 KiB blocks, so a live log can end inside a record for a while: only a log
// quiet this long (or older, like a copied crashed run) has its cut-off record reported as truncated.
const DEFAULT_QUIET_MS = DEFAULT_TRUNCATION_QUIET_MS;

interface Sources {
  log?: WandbLog;
  files: RunFiles;
  media: MediaScanner;
}

export class WandbReader implements RunReader {
  private sources?: Sources;
  private budget = new ErrorBudget();
  private emitted = false;

  constructor(
    private readonly run: DetectedRun,
    private readonly options: WandbReaderOptions = {},
  ) {}

  async poll(): Promise<RunDelta> {
    try {
      return await this.pollOnce();
    } catch (err) {
      return {
        errors: [{ code: 'read-failed', message: `could not read the run: ${errorText(err)}`, file: this.run.dir }],
      };
    }
  }

  private async pollOnce(): Promise<RunDelta> {
    let reset = false;
    if (!this.sources || (!this.sources.log && (await this.findLog()))) {
      // First poll, or a `.wandb` log appeared after the run was read from its plain files.
      reset = this.emitted;
      this.sources = await this.setup();
    }
    let b = new DeltaBuilder();
    if (await this.readAll(this.sources, b)) {
      // A file was rewritten or truncated: start over and hand over the whole state.
      reset = true;
      this.budget = new ErrorBudget();
      this.sources = await this.setup();
      b = new DeltaBuilder();
      await this.readAll(this.sources, b);
    }
    b.reset = reset;
    const delta = b.build();
    if (delta.points || delta.config || delta.meta) {
      this.emitted = true;
    }
    return delta;
  }

  private async findLog(): Promise<string | undefined> {
    const inner = await listDir(this.run.dir);
    const parsed = parseRunDirName(path.basename(this.run.dir));
    return inner ? wandbLogFile(inner, parsed?.id ?? '') : undefined;
  }

  private async setup(): Promise<Sources> {
    const runDir = this.run.dir;
    const filesDir = path.join(runDir, 'files');
    const logFile = await this.findLog();
    const siblings = await fs.readdir(path.dirname(runDir)).catch(() => [] as string[]);
    const nameSuffix = resumeSuffix(path.basename(runDir), siblings);
    const log = logFile
      ? new WandbLog(logFile, filesDir, { quietMs: this.options.quietMs ?? DEFAULT_QUIET_MS, nameSuffix })
      : undefined;
    return {
      log,
      files: new RunFiles([filesDir, runDir], !log),
      media: new MediaScanner([path.join(filesDir, 'media', 'images'), path.join(runDir, 'media', 'images')]),
    };
  }

  /** Reads every source; true when one was rewritten. A failing source is reported, the others still read. */
  private async readAll(sources: Sources, b: DeltaBuilder): Promise<boolean> {
    if (sources.log) {
      const log = sources.log;
      try {
        if (await log.poll(b, this.budget)) {
          return true;
        }
        if (!this.emitted) {
          b.files.add(log.file);
        }
      } catch (err) {
        this.budget.report(b, { code: 'read-failed', message: errorText(err), file: log.file });
      }
    }
    try {
      if (await sources.files.poll(b, this.budget)) {
        return true;
      }
    } catch (err) {
      this.budget.report(b, { code: 'read-failed', message: errorText(err), file: this.run.dir });
    }
    try {
      for (const image of b.artifacts.images) {
        if (image.source.kind === 'file') {
          sources.media.markSeen(image.source.path);
        }
      }
      b.artifacts.images.push(...(await sources.media.scan()));
    } catch (err) {
      this.budget.report(b, { code: 'read-failed', message: errorText(err), file: this.run.dir });
    }
    return false;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
