// What the dashboard may open on the webview's request. The webview is not trusted to name files:
// a file opens only when it is inside the run folder (symlinks resolved) or one the run's reader
// attached from outside the reader (a launched run's log lives in the extension's storage); a checkpoint only when it is one
// of the run's checkpoints.
import fs from 'node:fs/promises';
import * as vscode from 'vscode';
import type { RunState } from '../../core/runs/runState';
import { INSPECT_COMMAND } from '../checkpoints/checkpointInspector';
import { openArtifact } from '../openArtifact';
import { isInside } from './runImages';

export async function openRunFile(run: RunState | undefined, file: string): Promise<boolean> {
  const realDir = run ? await fs.realpath(run.dir).catch(() => run.dir) : '';
  // Only files Runboard itself attached (a launched run's log) may live outside the run folder: a
  // reader's files come from the run's own content (an MLflow artifact_uri can point anywhere).
  const registered = !!run && run.externalFiles.some((f) => f.path === file);
  if (!run || !(registered || (await isInside(file, realDir)))) {
    void vscode.window.showErrorMessage(`Runboard: ${file} is outside the run folder; not opened.`);
    return false;
  }
  await openArtifact(file);
  return true;
}

/** Opens one of the run's checkpoints in the Checkpoint Inspector; returns whether it was opened. */
export async function openRunCheckpoint(run: RunState | undefined, file: string): Promise<boolean> {
  if (!run || !run.checkpoints.some((c) => c.path === file)) {
    void vscode.window.showErrorMessage(`Runboard: ${file} is not a checkpoint of this run; not opened.`);
    return false;
  }
  await vscode.commands.executeCommand(INSPECT_COMMAND, file);
  return true;
}
