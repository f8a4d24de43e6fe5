// The extension activates in a real VS Code and contributes its commands and view.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'runboard.runboard';

describe('activation', () => {
  it('is installed and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers every command it contributes', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const contributed: string[] = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.includes('runboard.refreshRuns'));
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `commands contributed but not registered: ${missing.join(', ')}`);
  });

  it('runs "Runboard: Refresh Runs" without error', async () => {
    await vscode.commands.executeCommand('runboard.refreshRuns');
  });

  it('opens the Runs view', async () => {
    await vscode.commands.executeCommand('runboard.runs.focus');
  });
});
