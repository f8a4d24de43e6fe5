// Reads `.vscode/runboard.json` of each workspace folder, and creates it from the template.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LaunchConfig } from '../../core/launch/launchConfig';
import { launchTemplate, parseLaunchFile } from '../../core/launch/launchConfig';

export const LAUNCH_FILE = path.join('.vscode', 'runboard.json');

export interface FolderConfigs {
  folder: vscode.WorkspaceFolder;
  file: string;
  /** Undefined when the folder has no launch file. */
  configurations?: LaunchConfig[];
  problems: string[];
}

/** The launch files of all workspace folders on disk. */
export async function readLaunchFiles(): Promise<FolderConfigs[]> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  return Promise.all(
    folders.map(async (folder): Promise<FolderConfigs> => {
      const file = path.join(folder.uri.fsPath, LAUNCH_FILE);
      const text = await fs.readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined) {
        return { folder, file, problems: [] };
      }
      const result = parseLaunchFile(text);
      return result.ok
        ? { folder, file, configurations: result.file.configurations, problems: result.problems }
        : { folder, file, configurations: [], problems: result.problems };
    }),
  );
}

/** Opens the folder's launch file, writing the template first when there is none. */
export async function openOrCreateLaunchFile(folder: vscode.WorkspaceFolder): Promise<void> {
  const file = path.join(folder.uri.fsPath, LAUNCH_FILE);
  const exists = await fs.stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, launchTemplate(), { flag: 'wx' }).catch(() => undefined);
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file));
}
