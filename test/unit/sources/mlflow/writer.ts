// A small MLflow file-store writer for tests, laid out as mlflow/store/tracking/file_store.py does:
// experiment meta.yaml, run meta.yaml (PyYAML style, rewritten on updates), metrics/<key> lines
// `<ts> <value> <step>`, params/<key>, tags/<key>, artifacts/.
import fs from 'node:fs';
import path from 'node:path';
import type { TempDir } from '../jsonl/support/tmp';

export interface RunMetaFields {
  run_name?: string;
  status?: number;
  start_time?: number;
  end_time?: number | null;
  lifecycle_stage?: string;
  artifact_uri?: string;
  name?: string;
}

function yamlValue(v: unknown): string {
  if (v === null || v === undefined) {
    return 'null';
  }
  if (typeof v === 'string') {
    return v === '' || /^[\d.]+$/.test(v) || /[:#]/.test(v) ? `'${v}'` : v;
  }
  return String(v);
}

export class MlflowWriter {
  constructor(
    private readonly tmp: TempDir,
    readonly store = 'mlruns',
  ) {}

  experimentDir(expId: string): string {
    return this.tmp.path(this.store, expId);
  }

  runDir(expId: string, runId: string): string {
    return path.join(this.experimentDir(expId), runId);
  }

  createExperiment(expId: string, name: string, lifecycle = 'active'): void {
    const meta = {
      artifact_location: `file://${this.experimentDir(expId)}`,
      creation_time: 1700000000000,
      experiment_id: expId,
      last_update_time: 1700000000000,
      lifecycle_stage: lifecycle,
      name,
    };
    this.tmp.write(path.join(this.store, expId, 'meta.yaml'), toYaml(meta));
  }

  createRun(expId: string, runId: string, fields: RunMetaFields = {}): string {
    this.writeRunMeta(expId, runId, { status: 1, start_time: 1700000000000, end_time: null, ...fields });
    return this.runDir(expId, runId);
  }

  /** Rewrites meta.yaml whole, as MLflow's _overwrite_run_info does. */
  writeRunMeta(expId: string, runId: string, fields: RunMetaFields): void {
    const meta = {
      artifact_uri: fields.artifact_uri ?? `file://${this.runDir(expId, runId)}/artifacts`,
      end_time: fields.end_time ?? null,
      entry_point_name: '',
      experiment_id: expId,
      lifecycle_stage: fields.lifecycle_stage ?? 'active',
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      run_id: runId,
      ...(fields.run_name !== undefined ? { run_name: fields.run_name } : {}),
      run_uuid: runId,
      source_name: '',
      source_type: 4,
      source_version: '',
      start_time: fields.start_time ?? 1700000000000,
      status: fields.status ?? 1,
      tags: '[]',
      user_id: 'tester',
    };
    this.tmp.write(path.join(this.store, expId, runId, 'meta.yaml'), toYaml(meta));
  }

  metricLine(value: number | string, step: number, ts = 1700000000000 + step): string {
    const v =
      typeof value === 'string'
        ? value
        : Number.isNaN(value)
          ? 'nan'
          : value === Infinity
            ? 'inf'
            : value === -Infinity
              ? '-inf'
              : String(value);
    return `${ts} ${v} ${step}\n`;
  }

  logMetric(expId: string, runId: string, key: string, value: number | string, step: number, ts?: number): string {
    return this.tmp.append(path.join(this.store, expId, runId, 'metrics', key), this.metricLine(value, step, ts));
  }

  appendRaw(expId: string, runId: string, key: string, text: string): string {
    return this.tmp.append(path.join(this.store, expId, runId, 'metrics', key), text);
  }

  logParam(expId: string, runId: string, key: string, value: string): void {
    this.tmp.write(path.join(this.store, expId, runId, 'params', key), value);
  }

  setTag(expId: string, runId: string, key: string, value: string): void {
    this.tmp.write(path.join(this.store, expId, runId, 'tags', key), value);
  }

  writeArtifact(expId: string, runId: string, rel: string, content: string | Uint8Array): string {
    return this.tmp.write(path.join(this.store, expId, runId, 'artifacts', rel), content);
  }

  metricFile(expId: string, runId: string, key: string): string {
    return path.join(this.runDir(expId, runId), 'metrics', key);
  }

  truncateMetric(expId: string, runId: string, key: string, text: string): void {
    fs.writeFileSync(this.metricFile(expId, runId, key), text);
  }
}

function toYaml(map: Record<string, unknown>): string {
  return (
    Object.entries(map)
      .map(([k, v]) => (v === '[]' ? `${k}: []` : `${k}: ${yamlValue(v)}`))
      .join('\n') + '\n'
  );
}
