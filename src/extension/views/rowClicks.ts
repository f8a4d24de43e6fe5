// What a click on a Runs tree row does. Row commands carry no arguments on purpose: VS Code keeps a
// command with arguments under an id that dies when the row is redrawn (a live run's rows are, every
// second), and a click landing in between is lost ("Actual command not found"). Without arguments the
// command is called directly, and it acts on the row the click selected.
import * as vscode from 'vscode';
import type { RunStore } from '../../core/runs/runStore';
import { OPEN_ROW_COMMAND } from '../commands/internalCommands';
import { OPEN_ARTIFACT_COMMAND } from '../openArtifact';
import type { RunsNode } from './runNodes';

/**
 * The row a click just selected. VS Code sends the selection before the click's command, but resolves
 * it through its row cache, which a refresh empties until the rows are fetched again: then ask again
 * for a moment. Undefined for a multi-selection.
 */
export async function clickedRow(
  view: vscode.TreeView<RunsNode>,
  lastReported: () => readonly RunsNode[],
): Promise<RunsNode | undefined> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const nodes = view.selection.length > 0 ? view.selection : lastReported();
    if (nodes.length > 0) {
      return nodes.length === 1 ? nodes[0] : undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

/** Registers what a click on a checkpoint, image, file or problem row does. */
export function registerRowClicks(
  store: RunStore,
  clicked: () => Promise<RunsNode | undefined>,
  openCheckpoint: (file: string) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_ROW_COMMAND, async () => {
    const node = await clicked();
    if (node?.kind !== 'leaf') {
      return;
    }
    const run = store.get(node.runId);
    switch (node.group) {
      case 'checkpoints':
        return openCheckpoint(node.key);
      case 'files':
        return vscode.commands.executeCommand(OPEN_ARTIFACT_COMMAND, node.key);
      case 'images': {
        const image = run?.images[Number(node.key)];
        return image?.source.kind === 'file'
          ? vscode.commands.executeCommand('vscode.open', vscode.Uri.file(image.source.path))
          : undefined;
      }
      case 'errors': {
        const file = run?.errors[Number(node.key)]?.file;
        return file ? vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(file)) : undefined;
      }
      default:
        return undefined;
    }
  });
}
