// Turns a launch configuration plus the user's overrides into what is executed: the command, its
// working directory, its environment and the folders its runs appear in. Pure: no I/O, no vscode.
import path from 'node:path';
import type { LaunchConfig } from './launchConfig';
import { posixJoin, posixQuote } from './shellQuote';

export { posixQuote } from './shellQuote';

export interface LaunchContext {
  workspaceFolder: string;
  /** The extension host's environment (for `${env:NAME}`). */
  env: Record<string, string | undefined>;
  runId: string;
  runName: string;
  /** Export WANDB_MODE=offline (setting `runboard.launch.wandbOffline`). */
  wandbOffline: boolean;
}

/** What a task executes: a command line for the shell, or a command with arguments the shell quotes. */
export type LaunchCommand = { kind: 'line'; line: string } | { kind: 'argv'; command: string; args: string[] };

export interface LaunchSpec {
  name: string;
  command: LaunchCommand;
  cwd: string;
  /** Variables set for the process (on top of the inherited environment). */
  env: Record<string, string>;
  /** Absolute folders under which the run folder is expected. */
  runsDirs: string[];
}

export interface Overrides {
  args: string[];
  env: Record<string, string>;
}

const ENV_TOKEN = /^([A-Z_][A-Z0-9_]*)=(.*)$/s;

/**
 * Reads the overrides text the user typed: `NAME=value` with an upper-case name sets an environment
 * variable; every other token (`lr=0.001`, `--epochs 3`) is an extra argument. Quotes group words.
 */
export function parseOverrides(text: string): Overrides {
  const overrides: Overrides = { args: [], env: {} };
  for (const token of splitWords(text)) {
    const env = ENV_TOKEN.exec(token);
    if (env) {
      overrides.env[env[1]] = env[2];
    } else {
      overrides.args.push(token);
    }
  }
  return overrides;
}

/** Splits on whitespace; single or double quotes group words (no escapes inside single quotes). */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) {
        quote = undefined;
      } else if (c === '\\' && quote === '"' && i + 1 < text.length) {
        current += text[++i];
      } else {
        current += c;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) {
        words.push(current);
      }
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) {
    words.push(current);
  }
  return words;
}

export function buildLaunchSpec(config: LaunchConfig, overrides: Overrides, ctx: LaunchContext): LaunchSpec {
  const sub = (text: string): string => substitute(text, ctx);
  const cwd = path.resolve(ctx.workspaceFolder, sub(config.cwd ?? '${workspaceFolder}'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(config.env ?? {})) {
    env[key] = sub(value);
  }
  Object.assign(env, overrides.env);
  env.RUNBOARD_RUN_ID = ctx.runId;
  env.RUNBOARD_RUN_NAME = ctx.runName;
  if (ctx.wandbOffline) {
    env.WANDB_MODE = 'offline';
  }
  // Python buffers stdout (by line on a terminal, by block in a pipe); unbuffered, `\r` progress bars
  // and the console tail are live.
  env.PYTHONUNBUFFERED ??= '1';
  const runsDirs = (config.runsDir?.length ? config.runsDir : ['.']).map((d) => path.resolve(cwd, sub(d)));
  return { name: config.name, command: buildCommand(config, overrides.args, sub), cwd, env, runsDirs };
}

function buildCommand(config: LaunchConfig, extraArgs: string[], sub: (s: string) => string): LaunchCommand {
  if (config.command !== undefined) {
    const line = [sub(config.command), ...extraArgs.map(posixQuote)].join(' ');
    return { kind: 'line', line };
  }
  const program = sub(config.program ?? '');
  const args = [...(config.args ?? []).map(sub), ...extraArgs];
  if (program.toLowerCase().endsWith('.py')) {
    return { kind: 'argv', command: config.python ? sub(config.python) : 'python3', args: ['-u', program, ...args] };
  }
  return { kind: 'argv', command: program, args };
}

/** `${workspaceFolder}`, `${workspaceFolderBasename}`, `${env:NAME}`, `${runId}`, `${runName}`. */
export function substitute(text: string, ctx: LaunchContext): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name === 'workspaceFolder') {
      return ctx.workspaceFolder;
    }
    if (name === 'workspaceFolderBasename') {
      return path.basename(ctx.workspaceFolder);
    }
    if (name === 'runId') {
      return ctx.runId;
    }
    if (name === 'runName') {
      return ctx.runName;
    }
    if (name.startsWith('env:')) {
      return ctx.env[name.slice(4)] ?? '';
    }
    return whole;
  });
}

/** A readable one-line form of the command (notifications, tooltips). */
export function commandText(command: LaunchCommand): string {
  return command.kind === 'line' ? command.line : posixJoin([command.command, ...command.args]);
}

/** A run name that is unique enough and safe as a folder name: `<config>-<yyyymmdd-hhmmss>`. */
export function makeRunName(configName: string, when: Date): string {
  const slug = configName.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${when.getFullYear()}${pad(when.getMonth() + 1)}${pad(when.getDate())}-${pad(when.getHours())}${pad(when.getMinutes())}${pad(when.getSeconds())}`;
  return `${slug}-${stamp}`;
}
