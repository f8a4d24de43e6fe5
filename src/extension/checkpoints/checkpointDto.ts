// InspectResult (core) → the snapshot the webview shows. Pure: no vscode, no I/O.
import path from 'node:path';
import { parseCheckpointName } from '../../core/checkpoints/checkpointName';
import type { InspectResult, JsonValue } from '../../core/checkpoints/types';
import type { RunState } from '../../core/runs/runState';
import type { CheckpointSnapshotDto } from '../../shared/checkpointProtocol';

const FORMAT_LABELS: Record<string, string> = {
  safetensors: 'safetensors',
  'torch-zip': 'PyTorch zip (torch.save)',
  'torch-legacy': 'PyTorch legacy (torch.save, pre-1.6)',
};

export function formatLabel(format: string | undefined): string {
  return format ? (FORMAT_LABELS[format] ?? format) : 'unknown';
}

/** A finite integer from the top-level keys (`epoch`, `global_step`, HF `step`…). */
function topNumber(tree: JsonValue | undefined, keys: string[]): number | undefined {
  if (!tree || typeof tree !== 'object' || Array.isArray(tree)) {
    return undefined;
  }
  for (const key of keys) {
    const v = tree[key];
    if (typeof v === 'number' && Number.isFinite(v)) {
      return v;
    }
  }
  return undefined;
}

function containerRows(r: InspectResult): [string, string][] {
  const rows: [string, string][] = [];
  const t = r.torch;
  if (!t) {
    return rows;
  }
  if (t.prefix !== undefined) {
    rows.push(['Archive folder', t.prefix]);
  }
  if (t.formatVersion !== undefined) {
    rows.push(['Format version', t.formatVersion]);
  }
  if (t.byteorder !== undefined) {
    rows.push(['Byte order', t.byteorder]);
  }
  if (t.serializationId !== undefined) {
    rows.push(['Serialization id', t.serializationId]);
  }
  rows.push(['Storages', String(t.storageCount)]);
  return rows;
}

export function snapshotOf(
  r: InspectResult,
  isDirectory: boolean,
  weightsFiles: string[],
  run: RunState | undefined,
): CheckpointSnapshotDto {
  const fromName = parseCheckpointName(path.basename(r.path));
  const epoch = topNumber(r.tree, ['epoch', 'current_epoch']) ?? fromName.epoch;
  const step = topNumber(r.tree, ['global_step', 'step']) ?? fromName.step;
  return {
    path: r.path,
    name: path.basename(r.path),
    isDirectory,
    format: r.format,
    formatLabel: formatLabel(r.format),
    fileSize: r.fileSize,
    totalParams: r.totalParams,
    totalNumel: r.totalNumel,
    totalBytes: r.totalBytes,
    tensorCount: r.tensors.length,
    dtypeCounts: r.dtypeCounts,
    frameworks: r.frameworks,
    epoch,
    step,
    label: fromName.label,
    tree: r.tree,
    metadata: r.metadata,
    container: containerRows(r),
    weightsFiles,
    tensors: r.tensors,
    run: run && { id: run.id, name: run.name, project: run.project },
    errors: r.errors.map((e) => ({ code: e.code, message: e.message, file: e.file })),
  };
}
