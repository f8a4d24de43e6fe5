// Launch configurations: what `.vscode/runboard.json` holds, validated by hand (the JSON schema in
// schemas/runboard-launch.schema.json gives the same rules to the editor for completion and squiggles).
import { parseJsonc } from './jsonc';

export interface LaunchConfig {
  /** Shown in the picker; also the key under which overrides are remembered. */
  name: string;
  /** A whole shell command line, e.g. `python train.py --epochs 3`. Either this or `program`. */
  command?: string;
  /** A script or executable; `.py` files run with `python`. Either this or `command`. */
  program?: string;
  args?: string[];
  /** Interpreter for a `.py` program (default `python3`). */
  python?: string;
  /** Working directory (default: the workspace folder). Supports `${workspaceFolder}` and `${env:NAME}`. */
  cwd?: string;
  env?: Record<string, string>;
  /** Folders (relative to cwd, or absolute) where the runs of this configuration appear (default: cwd). */
  runsDir?: string[];
}

export interface LaunchFile {
  configurations: LaunchConfig[];
}

export type LaunchFileResult = { ok: true; file: LaunchFile; problems: string[] } | { ok: false; problems: string[] };

/** Parses and checks the file; configurations with problems are left out and named in `problems`. */
export function parseLaunchFile(text: string): LaunchFileResult {
  const parsed = parseJsonc(text);
  if (!parsed.ok) {
    return { ok: false, problems: [`not valid JSON: ${parsed.message}`] };
  }
  const root = parsed.value;
  if (!isObject(root) || !Array.isArray(root.configurations)) {
    return { ok: false, problems: ['expected an object with a "configurations" array'] };
  }
  const problems: string[] = [];
  const configurations: LaunchConfig[] = [];
  const names = new Set<string>();
  root.configurations.forEach((raw: unknown, index: number) => {
    const result = checkConfig(raw);
    const label = isObject(raw) && typeof raw.name === 'string' ? `"${raw.name}"` : `#${index + 1}`;
    if (typeof result === 'string') {
      problems.push(`configuration ${label}: ${result}`);
    } else if (names.has(result.name)) {
      problems.push(`configuration ${label}: the name is used twice`);
    } else {
      names.add(result.name);
      configurations.push(result);
    }
  });
  return { ok: true, file: { configurations }, problems };
}

/** A config, or a sentence saying what is wrong with it. */
export function checkConfig(raw: unknown): LaunchConfig | string {
  if (!isObject(raw)) {
    return 'expected an object';
  }
  if (typeof raw.name !== 'string' || raw.name.trim() === '') {
    return '"name" must be a non-empty string';
  }
  const hasCommand = typeof raw.command === 'string' && raw.command.trim() !== '';
  const hasProgram = typeof raw.program === 'string' && raw.program.trim() !== '';
  if (hasCommand === hasProgram) {
    return 'give exactly one of "command" or "program"';
  }
  if (raw.args !== undefined && !isStringArray(raw.args)) {
    return '"args" must be an array of strings';
  }
  if (raw.args !== undefined && hasCommand) {
    return '"args" goes with "program", not "command"';
  }
  for (const key of ['python', 'cwd'] as const) {
    if (raw[key] !== undefined && typeof raw[key] !== 'string') {
      return `"${key}" must be a string`;
    }
  }
  if (raw.env !== undefined && !(isObject(raw.env) && Object.values(raw.env).every((v) => typeof v === 'string'))) {
    return '"env" must map names to strings';
  }
  const runsDir = typeof raw.runsDir === 'string' ? [raw.runsDir] : raw.runsDir;
  if (runsDir !== undefined && !isStringArray(runsDir)) {
    return '"runsDir" must be a string or an array of strings';
  }
  return {
    name: raw.name,
    command: hasCommand ? (raw.command as string) : undefined,
    program: hasProgram ? (raw.program as string) : undefined,
    args: raw.args as string[] | undefined,
    python: raw.python as string | undefined,
    cwd: raw.cwd as string | undefined,
    env: raw.env as Record<string, string> | undefined,
    runsDir,
  };
}

/** What "Create launch configuration" writes when the workspace has none. */
export function launchTemplate(): string {
  const file = {
    configurations: [
      {
        name: 'train',
        program: '${workspaceFolder}/train.py',
        args: ['--epochs', '10'],
        cwd: '${workspaceFolder}',
        env: { PYTHONUNBUFFERED: '1' },
        runsDir: ['lightning_logs', 'runs', 'wandb'],
      },
    ],
  };
  return JSON.stringify(file, null, 2) + '\n';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
