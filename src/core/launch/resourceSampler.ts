// Samples a launched run's resources every few seconds: CPU % and RSS of its process tree (/proc) and
// every GPU through nvidia-smi when present. Each round's points go to `onSamples` as `system/*` series.
// Stops by itself when the root process is gone.
import type { PointBatch } from '../runs/model';
import { PointCollector } from '../series/series';
import type { GpuQueryResult } from './nvidiaSmi';
import { queryGpus } from './nvidiaSmi';
import { ProcessTreeProbe } from './procTree';
import { addGpuSamples, addTreeSample } from './systemSeries';

export interface ResourceSamplerOptions {
  rootPid: number;
  /** ms since the epoch of the launch; steps are seconds since then. */
  launchedAt: number;
  intervalMs: number;
  /** Environment for finding nvidia-smi (the launched run's PATH). */
  env?: NodeJS.ProcessEnv;
  onSamples: (points: Map<string, PointBatch>) => void;
  /** The process tree is gone (sampling stopped by itself). */
  onExit?: () => void;
  /** For tests and other platforms. */
  queryGpus?: (env?: NodeJS.ProcessEnv) => Promise<GpuQueryResult>;
  procRoot?: string;
  now?: () => number;
}

export class ResourceSampler {
  private readonly probe: ProcessTreeProbe;
  private timer?: NodeJS.Timeout;
  private running = false;
  /** nvidia-smi was not found: stop asking. */
  private gpuAbsent = false;
  private round?: Promise<void>;

  constructor(private readonly options: ResourceSamplerOptions) {
    this.probe = new ProcessTreeProbe(options.rootPid, options.procRoot);
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) {
      return;
    }
    this.running = true;
    this.schedule(0);
  }

  /** Stops sampling; resolves when a round under way has delivered its points. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.round;
  }

  /** Takes one sample now (also what the timer does). False when the process tree is gone. */
  async sampleOnce(): Promise<boolean> {
    const now = (this.options.now ?? Date.now)();
    const step = Math.round((now - this.options.launchedAt) / 100) / 10;
    const points = new PointCollector();
    const [tree, gpu] = await Promise.all([this.probe.sample(now), this.queryGpu()]);
    if (tree) {
      addTreeSample(points, step, tree);
    }
    if (gpu?.kind === 'ok') {
      addGpuSamples(points, step, now / 1000, gpu.gpus);
    }
    if (points.size > 0) {
      this.options.onSamples(points.take());
    }
    return tree !== undefined;
  }

  private async queryGpu(): Promise<GpuQueryResult | undefined> {
    if (this.gpuAbsent) {
      return undefined;
    }
    const result = await (this.options.queryGpus ?? queryGpus)(this.options.env);
    if (result.kind === 'absent') {
      this.gpuAbsent = true;
    }
    return result;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      if (!this.running) {
        return;
      }
      this.round = this.sampleOnce()
        .catch(() => true)
        .then((alive) => {
          if (!alive && this.running) {
            this.running = false;
            this.options.onExit?.();
          }
          if (this.running) {
            this.schedule(this.options.intervalMs);
          }
        });
    }, delay);
  }
}
