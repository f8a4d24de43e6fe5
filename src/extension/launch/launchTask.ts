// Builds the VS Code task that runs a launch: a ShellExecution, so its output is in a terminal.
import * as vscode from 'vscode';
import type { LaunchSpec } from '../../core/launch/launchSpec';

/** The task type contributed in package.json (`taskDefinitions`). */
export const LAUNCH_TASK_TYPE = 'runboard';

export interface LaunchTaskDefinition extends vscode.TaskDefinition {
  type: typeof LAUNCH_TASK_TYPE;
  launchId: string;
  config: string;
}

export function makeLaunchTask(
  spec: LaunchSpec,
  launchId: string,
  runName: string,
  folder: vscode.WorkspaceFolder | undefined,
): vscode.Task {
  const definition: LaunchTaskDefinition = { type: LAUNCH_TASK_TYPE, launchId, config: spec.name };
  const options: vscode.ShellExecutionOptions = { cwd: spec.cwd, env: spec.env };
  const execution =
    spec.command.kind === 'line'
      ? new vscode.ShellExecution(spec.command.line, options)
      : new vscode.ShellExecution(spec.command.command, spec.command.args, options);
  const task = new vscode.Task(definition, folder ?? vscode.TaskScope.Workspace, runName, 'Runboard', execution, []);
  task.presentationOptions = {
    reveal: vscode.TaskRevealKind.Always,
    focus: false,
    panel: vscode.TaskPanelKind.Dedicated,
    echo: true,
    clear: false,
  };
  return task;
}

/** The launch id of a task Runboard started, or undefined for anyone else's task. */
export function launchIdOf(task: vscode.Task): string | undefined {
  const def = task.definition as Partial<LaunchTaskDefinition>;
  return def.type === LAUNCH_TASK_TYPE && typeof def.launchId === 'string' ? def.launchId : undefined;
}
