// The Checkpoint Inspector: a read-only custom editor for *.pt, *.pth, *.ckpt, *.safetensors, *.bin, and
// a panel with the same app for checkpoint folders (HF `checkpoint-80/`: weights merged across shards).
import fs from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RunStore } from '../../core/runs/runStore';
import { webviewOptions } from '../panels/webviewHtml';
import {
  CHECKPOINT_BIN_EDITOR_VIEW_TYPE,
  CHECKPOINT_EDITOR_VIEW_TYPE,
  CheckpointEditorProvider,
} from './checkpointEditor';
import { CheckpointModel } from './checkpointModel';
import { CheckpointView } from './checkpointView';

export const CHECKPOINT_FOLDER_VIEW_TYPE = 'runboard.checkpointFolder';
/** Opens a checkpoint file or folder in the inspector (argument: a path or a Uri). */
export const INSPECT_COMMAND = 'runboard.inspectCheckpoint';
/** Returns `CheckpointViewDebug[]`: what every open inspector shows (used by the in-VS-Code tests). */
export const DEBUG_STATE_COMMAND = 'runboard.checkpointInspector.debugState';

let host: { extensionUri: vscode.Uri; store: RunStore } | undefined;
/** Open folder panels by path (opening one again reveals it). */
const folderViews = new Map<string, CheckpointView>();

/** Registers the custom editor and its commands; everything registered lives in `context.subscriptions`. */
export function registerCheckpointInspector(context: vscode.ExtensionContext, store: RunStore): void {
  host = { extensionUri: context.extensionUri, store };
  const provider = new CheckpointEditorProvider(context.extensionUri, store);
  const options = { webviewOptions: { enableFindWidget: true }, supportsMultipleEditorsPerDocument: true };
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(CHECKPOINT_EDITOR_VIEW_TYPE, provider, options),
    vscode.window.registerCustomEditorProvider(CHECKPOINT_BIN_EDITOR_VIEW_TYPE, provider, options),
    { dispose: () => [...folderViews.values()].forEach((v) => v.dispose()) },
    // Not in the palette (no contribution): `runboard.openCheckpoint` and the tests call these.
    vscode.commands.registerCommand(INSPECT_COMMAND, (target: string | vscode.Uri) =>
      openCheckpointPath(typeof target === 'string' ? target : target.fsPath),
    ),
    vscode.commands.registerCommand(DEBUG_STATE_COMMAND, () => CheckpointView.all().map((v) => v.debugState())),
  );
}

/**
 * Opens a checkpoint in the inspector: a file in the custom editor, a folder (HF `checkpoint-N/`,
 * `save_pretrained` output) in a panel that shows its weights files merged.
 */
export async function openCheckpointPath(target: string): Promise<void> {
  const isDirectory = await fs
    .stat(target)
    .then((s) => s.isDirectory())
    .catch(() => false);
  if (!isDirectory) {
    const viewType = /\.bin$/i.test(target) ? CHECKPOINT_BIN_EDITOR_VIEW_TYPE : CHECKPOINT_EDITOR_VIEW_TYPE;
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(target), viewType);
    return;
  }
  openFolderPanel(target);
}

function openFolderPanel(dir: string): CheckpointView | undefined {
  const existing = folderViews.get(dir);
  if (existing) {
    existing.panel.reveal();
    return existing;
  }
  if (!host) {
    return undefined;
  }
  const panel = vscode.window.createWebviewPanel(
    CHECKPOINT_FOLDER_VIEW_TYPE,
    path.basename(dir),
    vscode.ViewColumn.Active,
    { ...webviewOptions(host.extensionUri), enableFindWidget: true },
  );
  panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'runboard.svg');
  const model = new CheckpointModel(dir);
  const view = new CheckpointView(panel, host.extensionUri, model, host.store);
  folderViews.set(dir, view);
  panel.onDidDispose(() => {
    folderViews.delete(dir);
    model.dispose();
  });
  return view;
}
