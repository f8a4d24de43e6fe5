// GPU samples from `nvidia-smi --query-gpu=… --format=csv,noheader,nounits`. No nvidia-smi on PATH →
// `undefined` (no GPU series, no error). Parsing accepts the `--format=csv` form with header and units too.
import { execFile } from 'node:child_process';

/** The fields asked for, in order (the same query as the sample outputs in the fixtures). */
export const GPU_QUERY_FIELDS = [
  'index',
  'name',
  'uuid',
  'utilization.gpu',
  'utilization.memory',
  'memory.used',
  'memory.total',
  'temperature.gpu',
  'power.draw',
] as const;

export interface GpuSample {
  index: number;
  name: string;
  uuid: string;
  /** % of time a kernel ran over the last sample period. NaN when not supported. */
  utilizationPercent: number;
  memoryUtilizationPercent: number;
  memoryUsedMiB: number;
  memoryTotalMiB: number;
  temperatureC: number;
  powerW: number;
}

export type GpuQueryResult =
  { kind: 'ok'; gpus: GpuSample[] } | { kind: 'absent' } | { kind: 'error'; message: string };

const TIMEOUT_MS = 5_000;

/** Runs nvidia-smi once. `env` is the environment whose PATH is searched (the launched run's). */
export function queryGpus(env: NodeJS.ProcessEnv = process.env): Promise<GpuQueryResult> {
  const args = [`--query-gpu=${GPU_QUERY_FIELDS.join(',')}`, '--format=csv,noheader,nounits'];
  return new Promise((resolve) => {
    execFile('nvidia-smi', args, { env, timeout: TIMEOUT_MS, windowsHide: true }, (err, stdout) => {
      if (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EACCES') {
          resolve({ kind: 'absent' });
        } else {
          resolve({ kind: 'error', message: err.message });
        }
        return;
      }
      resolve({ kind: 'ok', gpus: parseGpuCsv(stdout) });
    });
  });
}

/** Parses the CSV lines; skips blank lines, `#` comments, a header line and lines it cannot read. */
export function parseGpuCsv(text: string): GpuSample[] {
  const gpus: GpuSample[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || /^index\b/.test(line)) {
      continue;
    }
    const cells = splitCells(line);
    if (!cells) {
      continue;
    }
    const index = Number(cells[0]);
    if (!Number.isInteger(index) || cells[0] === '') {
      continue;
    }
    gpus.push({
      index,
      name: cells[1],
      uuid: cells[2],
      utilizationPercent: numberCell(cells[3]),
      memoryUtilizationPercent: numberCell(cells[4]),
      memoryUsedMiB: numberCell(cells[5]),
      memoryTotalMiB: numberCell(cells[6]),
      temperatureC: numberCell(cells[7]),
      powerW: numberCell(cells[8]),
    });
  }
  return gpus;
}

/** Splits on `, `; a GPU name holding a comma makes extra cells, which are joined back into the name. */
function splitCells(line: string): string[] | undefined {
  const cells = line.split(',').map((c) => c.trim());
  const extra = cells.length - GPU_QUERY_FIELDS.length;
  if (extra < 0) {
    return undefined;
  }
  if (extra > 0) {
    cells.splice(1, extra + 1, cells.slice(1, extra + 2).join(', '));
  }
  return cells;
}

/** `603.02` or `603.02 W` → 603.02; `[N/A]`, `[Not Supported]`, `N/A`, empty → NaN. */
export function numberCell(cell: string): number {
  const match = /^-?\d+(\.\d+)?/.exec(cell.trim());
  return match ? Number(match[0]) : NaN;
}
