// Wires launching into the window: the launch commands, the "starting…" rows of the Runs view, and the
// settings. Untrusted workspaces cannot launch (a process could run code from the folder).
import path from 'node:path';
import * as vscode from 'vscode';
import type { LaunchConfig } from '../../core/launch/launchConfig';
import { launchTrustDecision } from '../../core/launch/launchTrust';
import type { RunsController } from '../runsController';
import type { RunsTreeProvider } from '../views/runsTree';
import type { LaunchInfo, LaunchedRun } from './launchedRun';
import { openOrCreateLaunchFile, readLaunchFiles } from './launchFiles';
import { LaunchManager, type LaunchSettings } from './launchManager';
import { askOverrides, pickLaunch, pickLaunched } from './launchPicker';
import { pendingRows } from './pendingRows';

const OVERRIDES_KEY = 'runboard.launch.overrides';

/** Arguments the start command accepts from code (tests, other extensions) to skip the picker. */
export interface StartArgs {
  config: string;
  overrides?: string;
}

export function registerLaunch(
  context: vscode.ExtensionContext,
  controller: RunsController,
  tree: RunsTreeProvider,
  /** The Runs view's selection: offered first when a command comes without its row. */
  selection: () => readonly unknown[] = () => [],
): LaunchManager {
  const output = vscode.window.createOutputChannel('Runboard Launch', { log: true });
  const storage = context.storageUri ?? context.globalStorageUri;
  const manager = new LaunchManager({
    store: controller.store,
    settings: readLaunchSettings,
    state: context.workspaceState,
    logDir: path.join(storage.fsPath, 'launch-logs'),
    log: (message) => output.info(message),
  });
  tree.setPendingRows(pendingRows(manager));
  const remembered = (name: string) => context.workspaceState.get<Record<string, string>>(OVERRIDES_KEY)?.[name] ?? '';
  const remember = (name: string, text: string) =>
    context.workspaceState.update(OVERRIDES_KEY, {
      ...context.workspaceState.get<Record<string, string>>(OVERRIDES_KEY),
      [name]: text,
    });

  const launch = async (folder: vscode.WorkspaceFolder | undefined, config: LaunchConfig, overrides: string) => {
    try {
      return (await manager.launch(config, folder, overrides)).info;
    } catch (err) {
      void vscode.window.showErrorMessage(`Runboard: could not start "${config.name}": ${String(err)}`);
      return undefined;
    }
  };

  const start = async (args?: StartArgs): Promise<LaunchInfo | undefined> => {
    if (!checkTrust()) {
      return undefined;
    }
    const files = await readLaunchFiles();
    const problems = files.flatMap((f) => f.problems.map((p) => `${path.basename(f.folder.uri.fsPath)}: ${p}`));
    if (problems.length) {
      void vscode.window.showWarningMessage(`Runboard: .vscode/runboard.json: ${problems.join('; ')}`);
    }
    if (args?.config) {
      const found = files.flatMap((f) => (f.configurations ?? []).map((config) => ({ f, config })));
      const match = found.find((c) => c.config.name === args.config);
      if (!match) {
        throw new Error(`no launch configuration named "${args.config}"`);
      }
      const overrides = args.overrides ?? remembered(args.config);
      await remember(args.config, overrides);
      return launch(match.f.folder, match.config, overrides);
    }
    const picked = await pickLaunch(files, remembered, activePythonFile());
    if (!picked) {
      return undefined;
    }
    if (picked.kind === 'pythonFile') {
      return runPythonFile();
    }
    if (picked.kind === 'editFile') {
      await openOrCreateLaunchFile(picked.folder);
      return undefined;
    }
    let overrides = remembered(picked.config.name);
    if (picked.editOverrides) {
      const edited = await askOverrides(picked.config, overrides);
      if (edited === undefined) {
        return undefined;
      }
      overrides = edited.trim();
      await remember(picked.config.name, overrides);
    }
    return launch(picked.folder, picked.config, overrides);
  };

  const runPythonFile = async (uri?: vscode.Uri): Promise<LaunchInfo | undefined> => {
    if (!checkTrust()) {
      return undefined;
    }
    const file = uri instanceof vscode.Uri ? uri.fsPath : activePythonFile();
    if (!file) {
      void vscode.window.showInformationMessage('Runboard: open a Python file to run it with Runboard.');
      return undefined;
    }
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
    if (doc?.isDirty) {
      await doc.save();
    }
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
    const cwd = folder?.uri.fsPath ?? path.dirname(file);
    const config: LaunchConfig = { name: path.basename(file, '.py'), program: file, cwd, runsDir: [cwd] };
    return launch(folder, config, '');
  };

  const resolve = (arg: unknown): LaunchedRun | undefined => {
    if (typeof arg === 'string') {
      return manager.byRunId(arg) ?? manager.get(arg);
    }
    if (arg && typeof arg === 'object') {
      const node = arg as { kind?: string; runId?: string; id?: string };
      if (node.kind === 'run' && node.runId) {
        return manager.byRunId(node.runId);
      }
      if (node.kind === 'pending' && node.id) {
        return manager.get(node.id);
      }
    }
    return undefined;
  };
  /**
   * The launch a command is for: its row or id (a run Runboard did not start is said so); without one
   * (the palette, or a context menu whose row VS Code lost in a refresh) the user picks, the selected
   * run first. Never a guess: Stop kills.
   */
  const target = async (arg: unknown, command: 'Stop Run' | 'Re-run'): Promise<LaunchedRun | undefined> => {
    const live = command === 'Stop Run';
    if (arg !== undefined) {
      const found = resolve(arg);
      if (!found) {
        const known = manager.all().map((l) => `${l.launchId}→${l.runId ?? '?'}${l.ended ? ' (ended)' : ''}`);
        output.info(`${command}: no launch for ${JSON.stringify(arg)} (launches ${known.join(', ')}).`);
        void vscode.window.showInformationMessage('Runboard: this run was not started by Runboard.');
      }
      return found;
    }
    const choices = manager.all().filter((l) => !live || !l.ended);
    const selected = selection().length === 1 ? resolve(selection()[0]) : undefined;
    return pickLaunched(
      choices,
      selected,
      live ? 'Stop which run?' : 'Re-run which run?',
      live ? 'no run started by Runboard is running.' : 'no run was started by Runboard yet.',
    );
  };

  context.subscriptions.push(
    manager,
    output,
    vscode.commands.registerCommand('runboard.startTrainingRun', (args?: StartArgs) =>
      start(args && typeof args === 'object' && 'config' in args ? args : undefined),
    ),
    vscode.commands.registerCommand('runboard.runPythonFile', (uri?: vscode.Uri) => runPythonFile(uri)),
    vscode.commands.registerCommand('runboard.stopRun', async (arg?: unknown) => {
      const found = await target(arg, 'Stop Run');
      if (found) {
        await manager.stop(found);
      }
    }),
    vscode.commands.registerCommand('runboard.rerunRun', async (arg?: unknown) => {
      const found = await target(arg, 'Re-run');
      if (!found) {
        return undefined;
      }
      if (!checkTrust()) {
        return undefined;
      }
      return (await manager.rerun(found)).info;
    }),
    vscode.commands.registerCommand('runboard.createLaunchConfig', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) {
        return void vscode.window.showInformationMessage('Runboard: open a folder first.');
      }
      await openOrCreateLaunchFile(folder);
    }),
  );
  return manager;
}

function readLaunchSettings(): LaunchSettings {
  const config = vscode.workspace.getConfiguration('runboard.launch');
  const seconds = config.get<number>('sampleIntervalSeconds') ?? 2;
  return {
    wandbOffline: config.get<boolean>('wandbOffline') ?? false,
    sampleIntervalMs: Math.max(200, seconds * 1000),
  };
}

/** False (after saying why) in an untrusted workspace. */
function checkTrust(): boolean {
  const decision = launchTrustDecision(vscode.workspace.isTrusted);
  if (decision.allowed) {
    return true;
  }
  void vscode.window.showWarningMessage(decision.message, decision.action).then((choice) => {
    if (choice) {
      void vscode.commands.executeCommand('workbench.trust.manage');
    }
  });
  return false;
}

function activePythonFile(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.uri.scheme === 'file' && (doc.languageId === 'python' || doc.fileName.endsWith('.py'))
    ? doc.uri.fsPath
    : undefined;
}
