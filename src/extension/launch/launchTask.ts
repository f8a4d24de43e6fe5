// Builds the VS Code task that runs a launch: a ShellExecution, so its output is in a terminal. When
// the console is captured, the command runs under `script` (see core/launch/consoleCapture).
import * as vscode from 'vscode';
import { captureCommandLine, type CaptureTool } from '../../core/launch/consoleCapture';
import type { LaunchSpec } from '../../core/launch/launchSpec';
import { posixJoin } from '../../core/launch/shellQuote';

/** The task type contributed in package.json (`taskDefinitions`). */
export const LAUNCH_TASK_TYPE = 'runboard';

export interface LaunchTaskDefinition extends vscode.TaskDefinition {
  type: typeof LAUNCH_TASK_TYPE;
  launchId: string;
  config: string;
}

/** Where and how a launch's console is captured. */
export interface ConsoleCapture {
  tool: CaptureTool;
  logPath: string;
  /** The shell BSD `script` runs the command with (util-linux uses $SHELL). */
  shell: string;
}

export function makeLaunchTask(
  spec: LaunchSpec,
  launchId: string,
  runName: string,
  folder: vscode.WorkspaceFolder | undefined,
  capture?: ConsoleCapture,
): vscode.Task {
  const definition: LaunchTaskDefinition = { type: LAUNCH_TASK_TYPE, launchId, config: spec.name };
  const task = new vscode.Task(
    definition,
    folder ?? vscode.TaskScope.Workspace,
    runName,
    'Runboard',
    makeExecution(spec, capture),
    [],
  );
  task.presentationOptions = {
    reveal: vscode.TaskRevealKind.Always,
    focus: false,
    panel: vscode.TaskPanelKind.Dedicated,
    echo: true,
    clear: false,
  };
  return task;
}

function makeExecution(spec: LaunchSpec, capture: ConsoleCapture | undefined): vscode.ShellExecution {
  const options: vscode.ShellExecutionOptions = { cwd: spec.cwd, env: spec.env };
  if (capture) {
    const inner =
      spec.command.kind === 'line' ? spec.command.line : posixJoin([spec.command.command, ...spec.command.args]);
    // The wrapped line is POSIX-quoted: run it with sh whatever the user's terminal shell is.
    return new vscode.ShellExecution(captureCommandLine(capture.tool, inner, capture.logPath, capture.shell), {
      ...options,
      executable: '/bin/sh',
      shellArgs: ['-c'],
    });
  }
  return spec.command.kind === 'line'
    ? new vscode.ShellExecution(spec.command.line, options)
    : new vscode.ShellExecution(spec.command.command, spec.command.args, options);
}

/** The launch id of a task Runboard started, or undefined for anyone else's task. */
export function launchIdOf(task: vscode.Task): string | undefined {
  const def = task.definition as Partial<LaunchTaskDefinition>;
  return def.type === LAUNCH_TASK_TYPE && typeof def.launchId === 'string' ? def.launchId : undefined;
}
