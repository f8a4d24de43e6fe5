// How a run's file opens: what VS Code can show (text, images, notebooks) opens in an editor; anything
// else (archives, binaries of unknown kinds) is revealed in the Explorer (or the OS file manager when it
// lies outside the workspace) rather than shown as unreadable bytes.
import path from 'node:path';
import * as vscode from 'vscode';

const VIEWABLE = new Set([
  ...['.txt', '.log', '.md', '.rst', '.json', '.jsonl', '.yaml', '.yml', '.toml', '.ini', '.cfg', '.csv'],
  ...['.tsv', '.py', '.sh', '.xml', '.html', '.svg', '.ipynb', '.out', '.err'],
  ...['.png', '.jpg', '.jpeg', '.gif', '.webp', '.bmp'],
]);

export const OPEN_ARTIFACT_COMMAND = 'runboard.openArtifact';

export function opensInEditor(file: string): boolean {
  const ext = path.extname(file).toLowerCase();
  return ext === '' || VIEWABLE.has(ext);
}

export async function openArtifact(file: string): Promise<void> {
  const uri = vscode.Uri.file(file);
  if (opensInEditor(file)) {
    await vscode.commands.executeCommand('vscode.open', uri);
  } else if (vscode.workspace.getWorkspaceFolder(uri)) {
    await vscode.commands.executeCommand('revealInExplorer', uri);
  } else {
    await vscode.commands.executeCommand('revealFileInOS', uri);
  }
}
