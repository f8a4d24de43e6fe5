// One inspected checkpoint file or folder, shared by every editor showing it. Re-inspects when the file
// changes on disk (Ultralytics rewrites last.pt every epoch). Reading never touches tensor bytes.
import { watch as fsWatch } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { weightFiles } from '../../core/checkpoints/checkpointDir';
import { inspectIsolated } from '../../core/checkpoints/isolatedInspect';
import type { InspectResult } from '../../core/checkpoints/types';
import { Disposable } from '../disposable';

/** Wait for writes to settle before re-reading a changed checkpoint. */
const CHANGE_DEBOUNCE_MS = 400;

export interface Inspection {
  result: InspectResult;
  isDirectory: boolean;
  /** For folders: the weights files read (empty for a file). */
  weightsFiles: string[];
}

/** Inspects a file or folder; never throws (every failure is an error in the result). */
export async function inspectPath(target: string, signal?: AbortSignal): Promise<Inspection> {
  const isDirectory = await fs
    .stat(target)
    .then((s) => s.isDirectory())
    .catch(() => false);
  const weightsFiles = isDirectory ? weightFiles(await fs.readdir(target).catch(() => [])) : [];
  try {
    // In a worker thread (dist/checkpointWorker.js, beside this bundle): a hostile pickle that needs
    // gigabytes ends that thread, not the extension host.
    const result = await inspectIsolated(target, path.join(__dirname, 'checkpointWorker.js'), undefined, signal);
    return { result, isDirectory, weightsFiles };
  } catch (err) {
    // The core promises not to throw; this keeps the editor alive if it ever does.
    const message = err instanceof Error ? err.message : String(err);
    const result: InspectResult = {
      path: target,
      fileSize: 0,
      tensors: [],
      totalParams: 0,
      totalNumel: 0,
      totalBytes: 0,
      dtypeCounts: {},
      frameworks: [],
      errors: [{ code: 'inspect-failed', message, file: target }],
    };
    return { result, isDirectory, weightsFiles };
  }
}

export class CheckpointModel extends Disposable {
  private current: Promise<Inspection>;
  private controller?: AbortController;
  private timer?: NodeJS.Timeout;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  private readonly reloading = this.register(new vscode.EventEmitter<void>());
  /** A new inspection is available through `inspection()`. */
  readonly onDidChange = this.changed.event;
  /** The file changed and is being read again. */
  readonly onWillReload = this.reloading.event;

  constructor(readonly target: string) {
    super();
    this.current = this.read();
    this.register({ dispose: () => clearTimeout(this.timer) });
    // Closing the editor stops its read (a worker may hold up to a GB).
    this.register({ dispose: () => this.controller?.abort() });
    void this.current.then((first) => this.watch(first.isDirectory));
  }

  /**
   * Watches the file's folder (so a file replaced by rename is still seen), or the checkpoint folder itself.
   * Node's watcher, not VS Code's: this one also reports files outside the workspace, and is cheap (one folder).
   */
  private watch(isDirectory: boolean): void {
    if (this.isDisposed) {
      return;
    }
    const dir = isDirectory ? this.target : path.dirname(this.target);
    const name = isDirectory ? undefined : path.basename(this.target);
    try {
      const watcher = fsWatch(dir, { persistent: false }, (_event, changed) => {
        if (name === undefined || changed === null || changed.toString() === name) {
          this.schedule();
        }
      });
      watcher.on('error', () => watcher.close());
      this.register({ dispose: () => watcher.close() });
    } catch {
      // Folder gone or no watch handles left: the inspector still works, just not live.
    }
  }

  /** The latest inspection (may still be running). */
  inspection(): Promise<Inspection> {
    return this.current;
  }

  /**
   * Starts a read, cancelling the one still running: whoever awaits that older read gets this newer
   * result instead of a cancellation.
   */
  private read(): Promise<Inspection> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    return inspectPath(this.target, controller.signal).then((inspection) =>
      controller.signal.aborted && !this.isDisposed ? this.current : inspection,
    );
  }

  private schedule(): void {
    if (this.isDisposed) {
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.reloading.fire();
      const read = this.read();
      this.current = read;
      // Only the latest read says so (a superseded one resolves to the latest's result too).
      void read.then(() => {
        if (!this.isDisposed && this.current === read) {
          this.changed.fire();
        }
      });
    }, CHANGE_DEBOUNCE_MS);
  }
}
