// What is remembered of a launched run across window reloads (kept in the workspace state): enough to
// show it with its last status, re-run it, and re-attach to its task when that is still running.
import { checkConfig, type LaunchConfig } from './launchConfig';
import type { LaunchCommand, LaunchSpec } from './launchSpec';

export type LaunchPhase = 'starting' | 'running' | 'finished' | 'failed' | 'stopped';

const PHASES: readonly LaunchPhase[] = ['starting', 'running', 'finished', 'failed', 'stopped'];

/** How many launches are remembered (the most recent). */
export const MAX_LAUNCH_RECORDS = 50;

export interface LaunchRecord {
  launchId: string;
  runName: string;
  /** URI (string form) of the workspace folder it was launched in. */
  folder?: string;
  config: LaunchConfig;
  overrides: string;
  spec: LaunchSpec;
  phase: LaunchPhase;
  exitCode?: number;
  /** ms since the epoch. */
  launchedAt: number;
  endedAt?: number;
  /** The store's run it was linked to, and that run's folder. */
  runId?: string;
  runDir?: string;
  /** Its console log (in the extension's storage), when captured. */
  logPath?: string;
  stopRequested: boolean;
  /** The end notification was shown (or is not wanted any more). */
  notified: boolean;
}

export function isEnded(phase: LaunchPhase): boolean {
  return phase === 'finished' || phase === 'failed' || phase === 'stopped';
}

/** The records to store: plain JSON, the most recent `MAX_LAUNCH_RECORDS` by launch time. */
export function serializeLaunches(records: readonly LaunchRecord[]): unknown[] {
  return [...records]
    .sort((a, b) => a.launchedAt - b.launchedAt)
    .slice(-MAX_LAUNCH_RECORDS)
    .map((r) => JSON.parse(JSON.stringify(r)) as unknown);
}

/** Reads stored records back; anything malformed (an older or foreign shape) is left out. */
export function deserializeLaunches(stored: unknown): LaunchRecord[] {
  if (!Array.isArray(stored)) {
    return [];
  }
  const records: LaunchRecord[] = [];
  const seen = new Set<string>();
  for (const raw of stored) {
    const record = readRecord(raw);
    if (record && !seen.has(record.launchId)) {
      seen.add(record.launchId);
      records.push(record);
    }
  }
  return records;
}

function readRecord(raw: unknown): LaunchRecord | undefined {
  if (!isObject(raw)) {
    return undefined;
  }
  const config = checkConfig(raw.config);
  const spec = readSpec(raw.spec);
  const phase = PHASES.find((p) => p === raw.phase);
  if (
    typeof raw.launchId !== 'string' ||
    typeof raw.runName !== 'string' ||
    typeof raw.overrides !== 'string' ||
    typeof config === 'string' ||
    !spec ||
    !phase ||
    !isNumber(raw.launchedAt)
  ) {
    return undefined;
  }
  return {
    launchId: raw.launchId,
    runName: raw.runName,
    folder: optional(raw.folder, isString),
    // checkConfig spells out absent keys as undefined: drop them.
    config: JSON.parse(JSON.stringify(config)) as LaunchConfig,
    overrides: raw.overrides,
    spec,
    phase,
    exitCode: optional(raw.exitCode, isNumber),
    launchedAt: raw.launchedAt,
    endedAt: optional(raw.endedAt, isNumber),
    runId: optional(raw.runId, isString),
    runDir: optional(raw.runDir, isString),
    logPath: optional(raw.logPath, isString),
    stopRequested: raw.stopRequested === true,
    notified: raw.notified === true,
  };
}

function readSpec(raw: unknown): LaunchSpec | undefined {
  if (!isObject(raw) || typeof raw.name !== 'string' || typeof raw.cwd !== 'string') {
    return undefined;
  }
  const command = readCommand(raw.command);
  const env = raw.env;
  if (!command || !isObject(env) || !Object.values(env).every(isString) || !isStringArray(raw.runsDirs)) {
    return undefined;
  }
  return { name: raw.name, command, cwd: raw.cwd, env: env as Record<string, string>, runsDirs: raw.runsDirs };
}

function readCommand(raw: unknown): LaunchCommand | undefined {
  if (!isObject(raw)) {
    return undefined;
  }
  if (raw.kind === 'line' && typeof raw.line === 'string') {
    return { kind: 'line', line: raw.line };
  }
  if (raw.kind === 'argv' && typeof raw.command === 'string' && isStringArray(raw.args)) {
    return { kind: 'argv', command: raw.command, args: raw.args };
  }
  return undefined;
}

function optional<T>(value: unknown, check: (v: unknown) => v is T): T | undefined {
  return check(value) ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isString);
}
