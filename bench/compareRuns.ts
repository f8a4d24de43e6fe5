// The runs both Compare benchmarks (host-side and in the browser) overlay: `count` Lightning-shaped
// runs in 5 projects (so names repeat across projects), each with COMPARE_METRICS × COMPARE_POINTS.
import { RunState } from '../src/core/runs/runState';
import { Series } from '../src/core/series/series';

export const COMPARE_POINTS = 10_000;
export const COMPARE_METRICS = ['train/loss', 'val/loss', 'val/acc', 'lr'];

export function makeCompareRuns(count: number): RunState[] {
  const runs: RunState[] = [];
  for (let r = 0; r < count; r++) {
    const project = `proj${r % 5}`;
    const name = `version_${Math.floor(r / 5)}`;
    const run = new RunState({
      id: `lightning:/w/${project}/${name}`,
      format: 'lightning',
      dir: `/w/${project}/${name}`,
      project,
      name,
    });
    run.startTime = 1.7e9 + r * 3600;
    run.config = { lr: 0.001 * (r + 1), batch_size: 32, seed: r };
    for (const [m, metric] of COMPARE_METRICS.entries()) {
      const s = new Series(metric);
      for (let i = 0; i < COMPARE_POINTS; i++) {
        const noise = Math.sin(i * 12.9898 + r * 78.233 + m) * 0.05;
        s.push(i, 2 * Math.exp(-i / (2000 + 50 * r)) + 0.1 + noise, run.startTime + i * 0.5);
      }
      run.series.set(metric, s);
    }
    runs.push(run);
  }
  return runs;
}
