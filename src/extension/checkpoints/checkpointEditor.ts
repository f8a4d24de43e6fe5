// The read-only custom editor for checkpoint files. One document (one inspection, one file watcher) is
// shared by all editors of the same file; each editor gets its own CheckpointView.
import * as vscode from 'vscode';
import type { RunStore } from '../../core/runs/runStore';
import { webviewOptions } from '../panels/webviewHtml';
import { CheckpointModel } from './checkpointModel';
import { CheckpointView } from './checkpointView';

export const CHECKPOINT_EDITOR_VIEW_TYPE = 'runboard.checkpointInspector';
/** The same editor for `*.bin` with priority "option" (many .bin files are not checkpoints). */
export const CHECKPOINT_BIN_EDITOR_VIEW_TYPE = 'runboard.checkpointInspectorBin';

export class CheckpointDocument implements vscode.CustomDocument {
  readonly model: CheckpointModel;

  constructor(readonly uri: vscode.Uri) {
    this.model = new CheckpointModel(uri.fsPath);
  }

  dispose(): void {
    this.model.dispose();
  }
}

export class CheckpointEditorProvider implements vscode.CustomReadonlyEditorProvider<CheckpointDocument> {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: RunStore,
  ) {}

  openCustomDocument(uri: vscode.Uri): CheckpointDocument {
    return new CheckpointDocument(uri);
  }

  resolveCustomEditor(document: CheckpointDocument, panel: vscode.WebviewPanel): void {
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'runboard.svg');
    new CheckpointView(panel, this.extensionUri, document.model, this.store);
  }
}
