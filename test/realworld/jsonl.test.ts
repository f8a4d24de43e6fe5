// Real detectron2 metrics.json files (JSON lines named .json) from /work/shared/fixtures: found as JSONL
// runs, nothing else in the fixtures is taken for JSONL, and the values equal what TensorBoard's own
// loader reads from detectron2's event file of the same run (float32 there, hence the tolerance).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readRunOnce } from '../../src/core/runs/readOnce';
import { hfTrainerFormat } from '../../src/core/sources/hf-trainer/format';
import { jsonlFormat } from '../../src/core/sources/jsonl/format';
import { mlflowFormat } from '../../src/core/sources/mlflow/format';
import { requireFixtures } from '../support/fixtures';
import { assertSeriesMatches, discover, type ExpectedStats } from '../unit/sources/jsonl/support/discover';

const FLOAT32_REL = 1e-6;

describe('realworld: JSONL (detectron2 metrics.json)', function () {
  let root: string;
  before(function () {
    root = requireFixtures(this);
  });

  it('finds exactly the two detectron2 metrics.json runs in all fixtures', async function () {
    const runs = (await discover(root, [mlflowFormat, hfTrainerFormat, jsonlFormat])).filter(
      (r) => r.format === 'jsonl',
    );
    const files = runs.map((r) => path.relative(root, r.file ?? '')).sort();
    assert.deepEqual(files, [
      'jsonl/kevindic0214-detectron2/output/metrics.json',
      'jsonl/levi-magny-detectron2/output/metrics.json',
    ]);
    for (const run of runs) {
      assert.equal(run.name, 'output');
      assert.equal(run.id, `jsonl:${run.file}`);
    }
  });

  it('kevindic0214: equals expected-tensorboard.json (iteration is the step; a restart re-logs step 19)', async function () {
    const key = 'jsonl/kevindic0214-detectron2/output';
    const expected = JSON.parse(fs.readFileSync(path.join(root, 'expected-tensorboard.json'), 'utf8'))[key] as Record<
      string,
      ExpectedStats
    >;
    const [run] = await discover(path.join(root, key), [jsonlFormat]);
    const state = await readRunOnce(jsonlFormat, run);
    assert.deepEqual(state.errors, []);
    assert.deepEqual([...state.series.keys()].sort(), Object.keys(expected).sort());
    for (const [name, stats] of Object.entries(expected)) {
      assertSeriesMatches(state.series.get(name), stats, FLOAT32_REL, name);
    }
  });

  it('levi-magny: 5 records at iterations 19..99, every key but iteration a series', async function () {
    const dir = path.join(root, 'jsonl/levi-magny-detectron2/output');
    const [run] = await discover(dir, [jsonlFormat]);
    const state = await readRunOnce(jsonlFormat, run);
    assert.deepEqual(state.errors, []);
    const lines = fs
      .readFileSync(path.join(dir, 'metrics.json'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, number>);
    const keys = Object.keys(lines[0]).filter((k) => k !== 'iteration');
    assert.deepEqual([...state.series.keys()].sort(), keys.sort());
    for (const key of keys) {
      const series = state.series.get(key);
      assert.deepEqual(
        [...(series?.steps ?? [])],
        lines.map((l) => l.iteration),
      );
      assert.deepEqual(
        [...(series?.values ?? [])],
        lines.map((l) => l[key]),
      );
    }
  });
});
