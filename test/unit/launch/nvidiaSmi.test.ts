import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { numberCell, parseGpuCsv, queryGpus } from '../../../src/core/launch/nvidiaSmi';
import { requireFixtures } from '../../support/fixtures';
import { tempDir } from '../../support/tempDirs';
import { writeFakeNvidiaSmi } from './fakeNvidiaSmi';

describe('nvidia-smi', () => {
  describe('on the H100 sample outputs', () => {
    let dir: string;
    before(function () {
      dir = path.join(requireFixtures(this), 'system');
    });

    it('reads the 4 samples of --format=csv,noheader,nounits (skipping the # comment)', () => {
      const gpus = parseGpuCsv(fs.readFileSync(path.join(dir, 'nvidia-smi-query.csv'), 'utf8'));
      assert.equal(gpus.length, 4);
      assert.deepEqual(gpus[0], {
        index: 0,
        name: 'NVIDIA H100 80GB HBM3',
        uuid: 'GPU-3a5103fb-db18-8b7c-690d-b6bcb7210855',
        utilizationPercent: 100,
        memoryUtilizationPercent: 10,
        memoryUsedMiB: 1231,
        memoryTotalMiB: 81559,
        temperatureC: 47,
        powerW: 339.7,
      });
      assert.deepEqual(
        gpus.map((g) => [g.utilizationPercent, g.temperatureC, g.powerW]),
        [
          [100, 47, 339.7],
          [83, 52, 569.5],
          [100, 53, 608.36],
          [100, 49, 612.7],
        ],
      );
    });

    it('reads the --format=csv form with header and units too', () => {
      const gpus = parseGpuCsv(fs.readFileSync(path.join(dir, 'nvidia-smi-query-header.csv'), 'utf8'));
      assert.equal(gpus.length, 1);
      assert.equal(gpus[0].utilizationPercent, 100);
      assert.equal(gpus[0].memoryUsedMiB, 1231);
      assert.equal(gpus[0].powerW, 603.02);
    });
  });

  it('turns [N/A] and [Not Supported] into NaN, and skips garbage lines', () => {
    const text = [
      '0, Tesla T4, GPU-1, 5, 1, 300, 15360, 40, [N/A]',
      '1, NVIDIA A100-SXM4-40GB, GPU-2, [Not Supported], [N/A], 0, 40960, 31, 55.10',
      '',
      'garbage',
      'x, y, z, 1, 2, 3, 4, 5, 6',
      '2, short, line',
    ].join('\r\n');
    const gpus = parseGpuCsv(text);
    assert.equal(gpus.length, 2);
    assert.ok(Number.isNaN(gpus[0].powerW));
    assert.ok(Number.isNaN(gpus[1].utilizationPercent));
    assert.equal(gpus[1].powerW, 55.1);
    assert.ok(Number.isNaN(numberCell('N/A')));
    assert.equal(numberCell('-3.5 W'), -3.5);
  });

  it('joins a GPU name that holds a comma back together', () => {
    const [gpu] = parseGpuCsv('0, Odd, Name, GPU-9, 1, 2, 3, 4, 5, 6');
    assert.equal(gpu.name, 'Odd, Name');
    assert.equal(gpu.uuid, 'GPU-9');
    assert.equal(gpu.powerW, 6);
  });

  it('reports absent when nvidia-smi is not on PATH', async () => {
    const empty = tempDir('rb-nosmi-');
    assert.deepEqual(await queryGpus({ PATH: empty }), { kind: 'absent' });
  });

  it('runs a fake nvidia-smi found on the given PATH and parses what it prints', async function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    const bin = writeFakeNvidiaSmi(
      '0, Fake GPU, GPU-f, 42, 7, 2048, 16384, 61, 120.5\n1, Fake GPU, GPU-g, 0, 0, 1, 16384, 30, [N/A]\n',
    );
    const result = await queryGpus({ ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    assert.equal(result.kind, 'ok');
    assert.deepEqual(result.kind === 'ok' && result.gpus.map((g) => [g.index, g.utilizationPercent, g.memoryUsedMiB]), [
      [0, 42, 2048],
      [1, 0, 1],
    ]);
  });

  it('reports an error (not absent) when nvidia-smi fails', async function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    const bin = writeFakeNvidiaSmi('', 9);
    const result = await queryGpus({ ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    assert.equal(result.kind, 'error');
  });
});
