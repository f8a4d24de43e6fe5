// MLflow `meta.yaml` files: the experiment's (its name is our project) and the run's (name, status,
// times). Written by PyYAML; read with the tag-tolerant loader, never constructing anything.
import type { ConfigMap, RunMetaPatch, RunStatus } from '../../runs/model';
import { parsePythonYaml } from '../../util/yaml';
import { isPlainObject } from '../jsonl/record';

export interface ParsedYaml {
  value?: Record<string, unknown>;
  error?: string;
}

/** Parses a meta.yaml; a file that is not a mapping is an error. */
export function parseMetaYaml(text: string): ParsedYaml {
  let result;
  try {
    result = parsePythonYaml(text);
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  if (result.errors.length > 0) {
    return { error: result.errors[0] };
  }
  if (!isPlainObject(result.value)) {
    return { error: 'not a YAML mapping' };
  }
  return { value: result.value };
}

export function isRunMeta(meta: Record<string, unknown>): boolean {
  const id = meta.run_id ?? meta.run_uuid;
  return typeof id === 'string' || typeof id === 'number';
}

export function isExperimentMeta(meta: Record<string, unknown>): boolean {
  return meta.experiment_id !== undefined && !isRunMeta(meta) && meta.model_id === undefined;
}

export function isDeleted(meta: Record<string, unknown>): boolean {
  return meta.lifecycle_stage === 'deleted';
}

const STATUS_NAMES = ['', 'RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

/** MLflow's RunStatus (1 RUNNING, 2 SCHEDULED, 3 FINISHED, 4 FAILED, 5 KILLED; missing ⇒ RUNNING) by name. */
export function statusName(raw: unknown): string {
  if (raw === undefined || raw === null) {
    return 'RUNNING';
  }
  if (typeof raw === 'number') {
    return STATUS_NAMES[raw] ?? `UNKNOWN(${raw})`;
  }
  return String(raw).toUpperCase();
}

/** Ours: a scheduled run has not ended (running); a killed one ended before finishing (failed). */
export function toRunStatus(name: string): RunStatus {
  switch (name) {
    case 'RUNNING':
    case 'SCHEDULED':
      return 'running';
    case 'FINISHED':
      return 'finished';
    case 'FAILED':
    case 'KILLED':
      return 'failed';
    default:
      return 'unknown';
  }
}

function epochMsToSeconds(raw: unknown): number | undefined {
  const ms = typeof raw === 'string' ? Number(raw) : raw;
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms / 1000 : undefined;
}

export interface RunMetaInfo {
  meta: RunMetaPatch;
  /** `run_name` (or legacy `name`) when not empty. */
  runName?: string;
  config: ConfigMap;
  artifactUri?: string;
}

/** What a run's meta.yaml says. Config gets the MLflow bookkeeping under `mlflow.`. */
export function readRunMeta(meta: Record<string, unknown>): RunMetaInfo {
  const status = statusName(meta.status);
  const patch: RunMetaPatch = { status: toRunStatus(status) };
  const start = epochMsToSeconds(meta.start_time);
  const end = epochMsToSeconds(meta.end_time);
  if (start !== undefined) {
    patch.startTime = start;
  }
  if (end !== undefined) {
    patch.endTime = end;
  }
  const named = [meta.run_name, meta.name].find((v) => typeof v === 'string' && v.trim() !== '');
  const config: ConfigMap = { 'mlflow.status': status };
  const id = meta.run_id ?? meta.run_uuid;
  if (typeof id === 'string' || typeof id === 'number') {
    config['mlflow.run_id'] = String(id);
  }
  if (meta.experiment_id !== undefined) {
    config['mlflow.experiment_id'] = String(meta.experiment_id);
  }
  if (typeof meta.user_id === 'string') {
    config['mlflow.user_id'] = meta.user_id;
  }
  const artifactUri = typeof meta.artifact_uri === 'string' ? meta.artifact_uri : undefined;
  if (artifactUri) {
    config['mlflow.artifact_uri'] = artifactUri;
  }
  return { meta: patch, runName: named as string | undefined, config, artifactUri };
}

/** The experiment's display name (our project): its `name`, else its id. */
export function experimentName(meta: Record<string, unknown> | undefined, fallback: string): string {
  const name = meta?.name;
  return typeof name === 'string' && name.trim() !== '' ? name : fallback;
}
