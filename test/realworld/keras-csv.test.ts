// Keras CSVLogger files in /work/shared/fixtures: found one run per file, generated training.csv equal to
// generated/expected.json, CRLF and spreadsheet-truncated cells read as written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readRunOnce } from '../../src/core/runs/readOnce';
import { kerasCsvFormat } from '../../src/core/sources/keras-csv/format';
import { requireFixtures } from '../support/fixtures';
import { discoverCsvFamily } from '../unit/sources/csv/discover';
import { assertStats, type ExpectedStats } from '../unit/sources/csv/expect';

const FILES = [
  'generated/keras_logs/dense-classifier/training.csv',
  'keras-csv/aitzaz-tomato-leaf-cnn/training_log.csv',
  'keras-csv/deepender25-mnist-cnn/training_log.csv',
];

describe('realworld: Keras CSVLogger', function () {
  let root: string;
  before(function () {
    root = requireFixtures(this);
  });

  it('finds exactly the 3 Keras CSV files, one run per file', async function () {
    const runs = (await discoverCsvFamily(root)).filter((r) => r.format === 'keras-csv');
    assert.deepEqual(runs.map((r) => path.relative(root, r.file ?? '')).sort(), FILES);
    for (const run of runs) {
      assert.equal(run.id, `keras-csv:${run.file}`);
    }
  });

  it('generated training.csv equals generated/expected.json exactly', async function () {
    const expected = JSON.parse(fs.readFileSync(path.join(root, 'generated/expected.json'), 'utf8'))[
      'keras_logs/dense-classifier/training.csv'
    ] as Record<string, ExpectedStats>;
    const [run] = (await discoverCsvFamily(path.join(root, 'generated/keras_logs'))).filter(
      (r) => r.format === 'keras-csv',
    );
    const state = await readRunOnce(kerasCsvFormat, run);
    assert.deepEqual(state.errors, []);
    assert.deepEqual([...state.series.keys()].sort(), Object.keys(expected).sort());
    for (const [name, stats] of Object.entries(expected)) {
      assertStats(state.series.get(name), stats, name);
    }
  });

  it('every data row of the other files is read: epoch = step, values as written', async function () {
    for (const rel of FILES.slice(1)) {
      const file = path.join(root, rel);
      const [run] = (await discoverCsvFamily(path.dirname(file))).filter((r) => r.format === 'keras-csv');
      const state = await readRunOnce(kerasCsvFormat, run);
      assert.deepEqual(state.errors, [], rel);
      // deepender25 ends its lines with `\r\r\n` (a Windows text-mode double CR): read as Python's csv does.
      const lines = fs.readFileSync(file, 'utf8').trim().split(/\r*\n/);
      const header = lines[0].split(',');
      const rows = lines.slice(1).map((l) => l.split(',').map(Number));
      for (let c = 1; c < header.length; c++) {
        const s = state.series.get(header[c]);
        assert.deepEqual(
          [...(s?.steps ?? [])],
          rows.map((r) => r[0]),
          `${rel} ${header[c]}`,
        );
        assert.deepEqual(
          [...(s?.values ?? [])],
          rows.map((r) => r[c]),
          `${rel} ${header[c]}`,
        );
      }
    }
  });
});
