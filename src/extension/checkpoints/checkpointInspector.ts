// The Checkpoint Inspector: a read-only custom editor for *.pt, *.pth, *.ckpt, *.safetensors, *.bin.
import type * as vscode from 'vscode';
import type { RunStore } from '../../core/runs/runStore';

/** Registers the custom editor and its commands; everything registered lives in `context.subscriptions`. */
export function registerCheckpointInspector(_context: vscode.ExtensionContext, _store: RunStore): void {
  // Filled in by the checkpoint inspector work.
}
