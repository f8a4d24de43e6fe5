// inspectCheckpoint(path): picks the reader by magic bytes (never by extension) and never throws.
import fs from 'node:fs/promises';
import { inspectCheckpointDir } from './checkpointDir';
import { errorCode, errorMessage } from './errors';
import { openFileAccess } from './randomAccess';
import type { RandomAccess } from './randomAccess';
import { addTensor } from './pickleReport';
import { looksLikeSafetensors, readSafetensorsHeader } from './safetensors';
import { elementBytes } from './dtypes';
import { frameworkHints } from './frameworks';
import { inspectTorchLegacy, inspectTorchZip } from './torchCheckpoint';
import { emptyResult } from './result';
import type { CheckpointFormat, InspectResult } from './types';

/** Sniffs the container from the first bytes. safetensors goes first: its length prefix can start with 0x80. */
export function sniffFormat(head: Uint8Array, fileSize: number): CheckpointFormat | undefined {
  if (looksLikeSafetensors(head, fileSize)) {
    return 'safetensors';
  }
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return 'torch-zip';
  }
  if (head.length >= 2 && head[0] === 0x80 && head[1] >= 1 && head[1] <= 5) {
    return 'torch-legacy';
  }
  // Protocols 0/1 write the magic number as a text LONG: `L1195470371460380133335…L\n`.
  if (head.length >= 2 && head[0] === 0x4c && head[1] >= 0x30 && head[1] <= 0x39) {
    return 'torch-legacy';
  }
  return undefined;
}

async function inspectSafetensors(file: RandomAccess, result: InspectResult): Promise<void> {
  result.format = 'safetensors';
  const header = await readSafetensorsHeader(file);
  result.metadata = header.metadata;
  for (const e of header.entries) {
    addTensor(
      result,
      { name: e.name, dtype: e.dtype, shape: e.shape, numel: e.numel, sizeBytes: e.numel * elementBytes(e.dtype) },
      true,
    );
  }
  result.frameworks = frameworkHints(result.path, undefined, new Set());
}

export async function inspectAccess(path: string, file: RandomAccess): Promise<InspectResult> {
  const result = emptyResult(path, file.size);
  try {
    const head = await file.read(0, Math.min(file.size, 16));
    const format = sniffFormat(head, file.size);
    if (format === 'torch-zip') {
      await inspectTorchZip(file, result);
    } else if (format === 'torch-legacy') {
      await inspectTorchLegacy(file, result);
    } else if (format === 'safetensors') {
      await inspectSafetensors(file, result);
    } else {
      result.errors.push({
        code: 'unknown-format',
        message: 'not a safetensors, torch zip or legacy torch file',
        file: path,
      });
    }
  } catch (err) {
    result.errors.push({ code: errorCode(err), message: errorMessage(err), file: path });
  }
  return result;
}

/** Inspects a checkpoint file, or the weights of a checkpoint folder (HF `checkpoint-80/`). Never throws. */
export async function inspectCheckpoint(path: string): Promise<InspectResult> {
  try {
    if ((await fs.stat(path)).isDirectory()) {
      return await inspectCheckpointDir(path, inspectCheckpointFile);
    }
  } catch {
    // Reported below by the open.
  }
  return inspectCheckpointFile(path);
}

/** Inspects one file (a directory is reported as an io-error, never entered). Never throws. */
export async function inspectCheckpointFile(path: string): Promise<InspectResult> {
  let file: RandomAccess;
  try {
    file = await openFileAccess(path);
  } catch (err) {
    const result = emptyResult(path);
    result.errors.push({ code: 'io-error', message: errorMessage(err), file: path });
    return result;
  }
  try {
    return await inspectAccess(path, file);
  } finally {
    await file.close().catch(() => undefined);
  }
}
