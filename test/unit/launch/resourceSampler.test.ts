import assert from 'node:assert/strict';
import type { GpuQueryResult } from '../../../src/core/launch/nvidiaSmi';
import { parseGpuCsv } from '../../../src/core/launch/nvidiaSmi';
import { ResourceSampler } from '../../../src/core/launch/resourceSampler';
import { CPU_PERCENT, MEMORY_RSS_MB, gpuSeriesName } from '../../../src/core/launch/systemSeries';
import type { PointBatch } from '../../../src/core/runs/model';
import { exited, ready, spawnBusyPython } from './childProcesses';

const GPU_LINE = '0, NVIDIA H100 80GB HBM3, GPU-3a51, 83, 9, 1231, 81559, 52, 569.50';

function collect(rounds: Map<string, PointBatch>[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const round of rounds) {
    for (const [name, batch] of round) {
      out.set(name, [...(out.get(name) ?? []), ...batch.values]);
    }
  }
  return out;
}

describe('resource sampler', function () {
  this.timeout(20_000);

  it('samples a real process tree and the GPUs until the process ends, then stops by itself', async function () {
    if (process.platform !== 'linux') {
      this.skip();
    }
    const child = spawnBusyPython(1.2);
    await ready(child);
    const rounds: Map<string, PointBatch>[] = [];
    let gpuCalls = 0;
    let exits = 0;
    const sampler = new ResourceSampler({
      rootPid: child.pid as number,
      launchedAt: Date.now(),
      intervalMs: 200,
      onSamples: (points) => rounds.push(points),
      onExit: () => exits++,
      queryGpus: async (): Promise<GpuQueryResult> => {
        gpuCalls++;
        return { kind: 'ok', gpus: parseGpuCsv(GPU_LINE) };
      },
    });
    sampler.start();
    await exited(child);
    for (let i = 0; i < 100 && sampler.isRunning; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(sampler.isRunning, false, 'stopped once the process was gone');
    assert.equal(exits, 1, 'said so once');
    const series = collect(rounds);
    assert.ok((series.get(CPU_PERCENT)?.length ?? 0) >= 2, 'several CPU samples');
    assert.ok(Math.max(...(series.get(CPU_PERCENT) ?? [])) > 20, 'the busy loop shows');
    assert.ok((series.get(MEMORY_RSS_MB) ?? []).every((mb) => mb > 1));
    assert.deepEqual(new Set(series.get(gpuSeriesName(0, 'utilization_percent'))), new Set([83]));
    assert.deepEqual(new Set(series.get(gpuSeriesName(0, 'power_w'))), new Set([569.5]));
    assert.deepEqual(new Set(series.get(gpuSeriesName(0, 'memory_used_mb'))), new Set([1231]));
    assert.deepEqual(new Set(series.get(gpuSeriesName(0, 'temperature_c'))), new Set([52]));
    const steps = rounds.flatMap((r) => [...(r.get(MEMORY_RSS_MB)?.steps ?? [])]);
    assert.ok(
      steps.every((s, i) => i === 0 || s >= steps[i - 1]),
      'steps are seconds since launch, rising',
    );
    const calls = gpuCalls;
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(gpuCalls, calls, 'no sampling after the end');
  });

  it('asks nvidia-smi once when it is absent, and makes no GPU series', async function () {
    if (process.platform !== 'linux') {
      this.skip();
    }
    const child = spawnBusyPython(0.8);
    await ready(child);
    const rounds: Map<string, PointBatch>[] = [];
    let gpuCalls = 0;
    const sampler = new ResourceSampler({
      rootPid: child.pid as number,
      launchedAt: Date.now(),
      intervalMs: 100,
      onSamples: (points) => rounds.push(points),
      queryGpus: async () => {
        gpuCalls++;
        return { kind: 'absent' };
      },
    });
    sampler.start();
    await exited(child);
    await sampler.stop();
    assert.equal(gpuCalls, 1);
    assert.ok(rounds.length >= 1);
    assert.ok(rounds.every((r) => [...r.keys()].every((k) => !k.includes('gpu'))));
  });

  it('stop() ends sampling of a process that keeps running', async function () {
    if (process.platform !== 'linux') {
      this.skip();
    }
    const child = spawnBusyPython(5);
    await ready(child);
    let rounds = 0;
    const sampler = new ResourceSampler({
      rootPid: child.pid as number,
      launchedAt: Date.now(),
      intervalMs: 100,
      onSamples: () => rounds++,
      queryGpus: async () => ({ kind: 'absent' }),
    });
    sampler.start();
    for (let i = 0; i < 100 && rounds < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await sampler.stop();
    const seen = rounds;
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(rounds, seen);
    child.kill('SIGKILL');
    await exited(child);
  });
});
