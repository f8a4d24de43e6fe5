// The "Copy load snippet" text: Python that loads this checkpoint the safe way for its format. Pure.
import type { CheckpointJson, CheckpointSnapshotDto } from '../../shared/checkpointProtocol';

/** Modules whose globals torch.load(weights_only=True) accepts (roughly: torch's own allowlist). */
const SAFE_MODULES = new Set(['torch', 'collections', 'builtins', '__builtin__', '_codecs', 'numpy']);

/** A Python string literal (JSON escapes are valid Python escapes). */
export function pythonString(text: string): string {
  return JSON.stringify(text);
}

/** True when the pickle holds whole nn.Modules or other classes that weights_only=True refuses. */
export function needsFullUnpickle(snapshot: Pick<CheckpointSnapshotDto, 'frameworks' | 'tree'>): boolean {
  if (snapshot.frameworks.includes('ultralytics')) {
    return true;
  }
  return snapshot.tree !== undefined && hasUnsafeObject(snapshot.tree, 0);
}

function hasUnsafeObject(value: CheckpointJson, depth: number): boolean {
  if (depth > 8 || value === null) {
    return false;
  }
  if (typeof value === 'string') {
    if (value.startsWith('<module ')) {
      return true;
    }
    const m = /^<([A-Za-z_]\w*)\.[\w.]+[(>]/.exec(value);
    return m !== null && !SAFE_MODULES.has(m[1]);
  }
  if (Array.isArray(value)) {
    return value.some((v) => hasUnsafeObject(v, depth + 1));
  }
  if (typeof value === 'object') {
    return Object.values(value).some((v) => hasUnsafeObject(v, depth + 1));
  }
  return false;
}

/** The weights file a snippet loads: the file itself, or for a folder its (first) weights file. */
function weightsPath(s: CheckpointSnapshotDto): string {
  if (!s.isDirectory || s.weightsFiles.length === 0) {
    return s.path;
  }
  const sep = s.path.includes('\\') && !s.path.includes('/') ? '\\' : '/';
  return `${s.path.replace(/[\\/]+$/, '')}${sep}${s.weightsFiles[0]}`;
}

export function loadSnippet(s: CheckpointSnapshotDto): string {
  const file = pythonString(weightsPath(s));
  const lines: string[] = [];
  if (s.format === 'safetensors') {
    lines.push('from safetensors.torch import load_file', '', `state_dict = load_file(${file})`);
  } else if (needsFullUnpickle(s)) {
    lines.push(
      'import torch',
      '',
      '# This checkpoint pickles whole Python objects (e.g. Ultralytics nn.Modules), which weights_only=True refuses.',
      '# weights_only=False runs code from the file: use it only for files you trust.',
      `checkpoint = torch.load(${file}, map_location="cpu", weights_only=False)`,
    );
    if (s.frameworks.includes('ultralytics')) {
      lines.push(`# or: from ultralytics import YOLO; model = YOLO(${file})`);
    }
  } else {
    lines.push('import torch', '', `checkpoint = torch.load(${file}, map_location="cpu", weights_only=True)`);
  }
  if (s.isDirectory && s.weightsFiles.length > 1) {
    lines.push(`# sharded: ${s.weightsFiles.length} files; transformers loads them all with`);
    lines.push(`# AutoModel.from_pretrained(${pythonString(s.path)})`);
  }
  return lines.join('\n') + '\n';
}
