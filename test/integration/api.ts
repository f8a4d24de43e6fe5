// Reaches the activated extension's API (its store and tree) from the in-VS-Code suites.
import * as vscode from 'vscode';
import type { RunboardApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'runboard.runboard';

export async function runboard(): Promise<RunboardApi> {
  const ext = vscode.extensions.getExtension<RunboardApi>(EXTENSION_ID);
  if (!ext) {
    throw new Error(`${EXTENSION_ID} is not loaded`);
  }
  return ext.activate();
}

/** The workspace folder the suites run in (a fresh temp folder per run). */
export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('the in-VS-Code suites need a workspace folder');
  }
  return folder.uri.fsPath;
}

/** Resolves once `predicate` holds, polling; rejects after `timeoutMs` saying what was awaited. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
