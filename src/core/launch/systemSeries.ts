// Names of the resource series of a launched run. They sit in the `system/` section of the dashboard,
// beside W&B's own `system/<key>` stats. Their step is the seconds since the launch (one decimal);
// their wall time is the sample's time.
import type { PointCollector } from '../series/series';
import type { GpuSample } from './nvidiaSmi';
import type { TreeSample } from './procTree';

/** CPU use of the launched process tree; 100 = one core fully busy (so 4 busy cores = 400). */
export const CPU_PERCENT = 'system/cpu_percent';
/** Resident memory of the whole process tree, in MiB (2^20 bytes). */
export const MEMORY_RSS_MB = 'system/memory_rss_mb';
/** Number of processes in the tree. */
export const PROCESS_COUNT = 'system/process_count';

/** `system/gpu.<index>.<metric>` for each GPU nvidia-smi reports (all GPUs of the machine). */
export function gpuSeriesName(index: number, metric: GpuMetric): string {
  return `system/gpu.${index}.${metric}`;
}

export type GpuMetric = 'utilization_percent' | 'memory_used_mb' | 'memory_percent' | 'temperature_c' | 'power_w';

export function addTreeSample(points: PointCollector, step: number, sample: TreeSample): void {
  if (!Number.isNaN(sample.cpuPercent)) {
    points.add(CPU_PERCENT, step, round(sample.cpuPercent, 1), sample.time);
  }
  points.add(MEMORY_RSS_MB, step, round(sample.rssBytes / 2 ** 20, 1), sample.time);
  points.add(PROCESS_COUNT, step, sample.processes, sample.time);
}

/** Adds one point per GPU metric; values nvidia-smi did not report (`[N/A]`) are left out. */
export function addGpuSamples(points: PointCollector, step: number, time: number, gpus: GpuSample[]): void {
  for (const gpu of gpus) {
    const memoryPercent = (100 * gpu.memoryUsedMiB) / gpu.memoryTotalMiB;
    const values: [GpuMetric, number][] = [
      ['utilization_percent', gpu.utilizationPercent],
      ['memory_used_mb', gpu.memoryUsedMiB],
      ['memory_percent', round(memoryPercent, 2)],
      ['temperature_c', gpu.temperatureC],
      ['power_w', gpu.powerW],
    ];
    for (const [metric, value] of values) {
      if (Number.isFinite(value)) {
        points.add(gpuSeriesName(gpu.index, metric), step, value, time);
      }
    }
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
