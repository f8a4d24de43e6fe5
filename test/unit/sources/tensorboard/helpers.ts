// Temp run dirs and one-shot reads for the TensorBoard unit tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runId, type DetectedRun } from '../../../../src/core/runs/model';
import { readRunOnce } from '../../../../src/core/runs/readOnce';
import type { RunState } from '../../../../src/core/runs/runState';
import { tensorboardFormat } from '../../../../src/core/sources/tensorboard/format';
import type { ReaderOptions } from '../../../../src/core/sources/types';

const made: string[] = [];

export function tempDir(name = 'run'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-tb-'));
  made.push(root);
  const dir = path.join(root, 'logs', name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function cleanTempDirs(): void {
  for (const dir of made.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function writeFile(dir: string, name: string, bytes: Uint8Array | string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return file;
}

export function runOf(dir: string): DetectedRun {
  return { id: runId('tensorboard', dir), format: 'tensorboard', dir, project: 'logs', name: path.basename(dir) };
}

export function readDir(dir: string, options?: ReaderOptions): Promise<RunState> {
  return readRunOnce(tensorboardFormat, runOf(dir), options);
}

export const EVENTS = 'events.out.tfevents.1700000000.host.1.0';
