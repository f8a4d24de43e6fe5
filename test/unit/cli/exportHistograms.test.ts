// `runboard export --format json --histograms`: the histograms part of the JSON contract.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { exportJson } from '../../../src/cli/exportRun';
import { cleanTempDirs, EVENTS, readDir, tempDir, writeFile } from '../sources/tensorboard/helpers';
import { event, eventFile, histogramTensorValue, histoValue, scalarEvents } from '../sources/tensorboard/writer';

const CLI = path.resolve(__dirname, '..', '..', '..', 'src', 'cli.js');

function runDir(): string {
  const dir = tempDir('hist-run');
  const histo = { min: 0.1, max: 2.9, limits: [0.1, 1, 2, 2.9], counts: [0, 4, 1, 5] };
  const events = [
    ...scalarEvents('loss', [1, 0.5]),
    event({
      wallTime: 1700000010,
      step: 10,
      values: [histoValue('w', histo), histogramTensorValue('a', [[-1, 0, 2]])],
    }),
    event({ wallTime: 1700000020, step: 20, values: [histogramTensorValue('a', [], { withMetadata: false })] }),
  ];
  writeFile(dir, EVENTS, eventFile(events));
  return dir;
}

describe('cli export --histograms', () => {
  after(cleanTempDirs);

  it('without the flag the document is unchanged: no histograms key', async () => {
    const doc = JSON.parse(exportJson(await readDir(runDir()))) as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc), ['runboard', 'run', 'series']);
  });

  it('with it: {tag: [{step, wallTime, buckets: [[left, right, count], …]}]}, series unchanged', async () => {
    const state = await readDir(runDir());
    const plain = JSON.parse(exportJson(state)) as { series: unknown };
    const doc = JSON.parse(exportJson(state, { histograms: true })) as { series: unknown; histograms: unknown };
    assert.deepEqual(doc.series, plain.series);
    assert.deepEqual(doc.histograms, {
      w: [
        {
          step: 10,
          wallTime: 1700000010,
          buckets: [
            [0.1, 1, 4],
            [1, 2, 1],
            [2, 2.9, 5],
          ],
        },
      ],
      a: [
        { step: 10, wallTime: 1700000010, buckets: [[-1, 0, 2]] },
        { step: 20, wallTime: 1700000020, buckets: [] },
      ],
    });
  });

  it('the command line: --format json --histograms prints them; with csv it is a usage error', () => {
    const dir = runDir();
    const ok = spawnSync(process.execPath, [CLI, 'export', dir, '--format', 'json', '--histograms'], {
      encoding: 'utf8',
    });
    assert.equal(ok.status, 0, ok.stderr);
    const doc = JSON.parse(ok.stdout) as { histograms: Record<string, unknown[]> };
    assert.deepEqual(Object.keys(doc.histograms).sort(), ['a', 'w']);
    const bad = spawnSync(process.execPath, [CLI, 'export', dir, '--format', 'csv', '--histograms'], {
      encoding: 'utf8',
    });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--histograms needs --format json/);
  });
});
