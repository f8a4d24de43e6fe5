// The `runboard scan --json` document: a public contract (README "CLI"), version 1. Change it only
// by adding fields; a breaking change bumps `runboard`.
import type { RunState } from '../core/runs/runState';
import { jsonNumber, type JsonNumber } from './jsonValues';

export interface SeriesSummaryJson {
  n: number;
  first: [number, JsonNumber] | null;
  last: [number, JsonNumber] | null;
  /** Ignoring NaN; null when every value is NaN. */
  min: JsonNumber | null;
  max: JsonNumber | null;
}

export interface RunJson {
  id: string;
  format: string;
  project: string;
  name: string;
  dir: string;
  status: string;
  files: string[];
  config: Record<string, string | number | boolean | null>;
  series: Record<string, SeriesSummaryJson>;
  artifacts: {
    checkpoints: { path: string; sizeBytes?: number; step?: number; epoch?: number; label?: string }[];
    images: { tag: string; step?: number; mime: string; path: string; offset?: number; length?: number }[];
  };
  errors: { code: string; message: string; file?: string }[];
}

export interface ScanJson {
  runboard: 1;
  runs: RunJson[];
}

export function runToJson(run: RunState): RunJson {
  const series: Record<string, SeriesSummaryJson> = {};
  for (const [name, s] of run.series) {
    const st = s.stats();
    series[name] = {
      n: st.n,
      first: st.first ? [st.first[0], jsonNumber(st.first[1])] : null,
      last: st.last ? [st.last[0], jsonNumber(st.last[1])] : null,
      min: st.min === undefined ? null : jsonNumber(st.min),
      max: st.max === undefined ? null : jsonNumber(st.max),
    };
  }
  const config: RunJson['config'] = {};
  for (const [k, v] of Object.entries(run.config)) {
    config[k] = typeof v === 'number' ? jsonNumber(v) : v;
  }
  return {
    id: run.id,
    format: run.format,
    project: run.project,
    name: run.name,
    dir: run.dir,
    status: run.status,
    files: [...run.files].sort(),
    config,
    series,
    artifacts: {
      checkpoints: run.checkpoints.map((c) => ({
        path: c.path,
        sizeBytes: c.sizeBytes,
        step: c.step,
        epoch: c.epoch,
        label: c.label,
      })),
      images: run.images.map((i) =>
        i.source.kind === 'file'
          ? { tag: i.tag, step: i.step, mime: i.mime, path: i.source.path }
          : {
              tag: i.tag,
              step: i.step,
              mime: i.mime,
              path: i.source.file,
              offset: i.source.offset,
              length: i.source.length,
            },
      ),
    },
    errors: run.errors.map((e) => ({ code: e.code, message: e.message, file: e.file })),
  };
}

export function scanToJson(runs: RunState[]): ScanJson {
  return { runboard: 1, runs: runs.map(runToJson) };
}
