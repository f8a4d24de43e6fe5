// Temporary W&B run folders for reader and detector tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runId, type DetectedRun } from '../../../../src/core/runs/model';
import { WandbReader } from '../../../../src/core/sources/wandb/reader';
import type { RunDelta } from '../../../../src/core/runs/model';

export function tmpRoot(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-wandb-'));
}

/** Creates `<root>/wandb/<dirName>/` and returns its path. */
export function makeRunDir(root: string, dirName: string): string {
  const dir = path.join(root, 'wandb', dirName);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function idOf(dirName: string): string {
  return dirName.slice(dirName.lastIndexOf('-') + 1);
}

export function detected(dir: string): DetectedRun {
  return { id: runId('wandb', dir), format: 'wandb', dir, project: 'p', name: idOf(path.basename(dir)) };
}

/** A reader that reports a record cut off at the end at once (no quiet period). */
export function reader(dir: string): WandbReader {
  return new WandbReader(detected(dir), { quietMs: 0 });
}

export function logPath(dir: string): string {
  return path.join(dir, `run-${idOf(path.basename(dir))}.wandb`);
}

export function values(delta: RunDelta, name: string): number[] {
  return [...(delta.points?.get(name)?.values ?? [])];
}

export function steps(delta: RunDelta, name: string): number[] {
  return [...(delta.points?.get(name)?.steps ?? [])];
}

export function codes(delta: RunDelta): string[] {
  return (delta.errors ?? []).map((e) => e.code);
}
