// MLflow 3 logged models: a run's `outputs/<model_id>/meta.yaml` points at the experiment's
// `models/<model_id>/`, whose `artifacts/` holds the model. Each becomes a checkpoint of the run
// (the `models/` folder itself never becomes a run).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CheckpointArtifact } from '../../runs/model';
import { isDir, listKeys } from './files';
import { parseMetaYaml } from './meta';

export class LoggedModels {
  private readonly seen = new Set<string>();

  constructor(
    private readonly runDir: string,
    private readonly onError: (code: string, message: string, file: string) => void,
  ) {}

  /** Logged models not reported before. */
  async scan(): Promise<CheckpointArtifact[]> {
    const outputs = path.join(this.runDir, 'outputs');
    const found: CheckpointArtifact[] = [];
    for (const key of await listKeys(outputs)) {
      if (!key.endsWith('/meta.yaml') || this.seen.has(key)) {
        continue;
      }
      const file = path.join(outputs, key);
      const text = await fs.readFile(file, 'utf8').catch(() => '');
      if (!text) {
        continue;
      } // still being written
      this.seen.add(key);
      const parsed = parseMetaYaml(text);
      if (!parsed.value) {
        this.onError('bad-yaml', `Logged-model link ${key} is not valid YAML: ${parsed.error}`, file);
        continue;
      }
      const id = String(parsed.value.destination_id ?? key.split('/')[0]);
      const modelDir = path.join(path.dirname(this.runDir), 'models', id);
      const artifacts = path.join(modelDir, 'artifacts');
      const target = (await isDir(artifacts)) ? artifacts : modelDir;
      if (!(await isDir(target))) {
        continue;
      }
      const step = Number(parsed.value.step);
      found.push({
        path: target,
        label: 'model',
        ...(Number.isFinite(step) ? { step } : {}),
        ...(await dirTotals(target)),
      });
    }
    return found;
  }
}

async function dirTotals(dir: string): Promise<{ sizeBytes: number; mtimeMs: number }> {
  let sizeBytes = 0;
  let mtimeMs = 0;
  for (const key of (await listKeys(dir)).slice(0, 2000)) {
    const st = await fs.stat(path.join(dir, key)).catch(() => undefined);
    if (!st) {
      continue;
    }
    sizeBytes += st.size;
    mtimeMs = Math.max(mtimeMs, st.mtimeMs);
  }
  return { sizeBytes, mtimeMs };
}
