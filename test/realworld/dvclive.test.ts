// DVCLive dirs in /work/shared/fixtures (DVCLive ≥ 1.0 plots/metrics layout and the legacy dvclive.json
// layout): found, series named by their path under plots/metrics, and each series' last value equals the
// summary DVCLive itself wrote (metrics.json / dvclive.json).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readRunOnce } from '../../src/core/runs/readOnce';
import { dvcliveFormat } from '../../src/core/sources/dvclive/format';
import { requireFixtures } from '../support/fixtures';
import { discoverCsvFamily } from '../unit/sources/csv/discover';

const RUNS: Record<string, { series: string[]; summary: string }> = {
  'dvclive/ankxyz-fastai-dvclive': {
    series: ['accuracy', 'error_rate', 'eval/loss', 'train/loss'],
    summary: 'dvclive/metrics.json',
  },
  'dvclive/iterative-dvclive-exp-tracking': { series: ['epoch', 'train/loss'], summary: 'dvclive/metrics.json' },
  'dvclive/iterative-dvclive-exp-tracking-at-75b6ce1': {
    series: ['epoch', 'train/loss'],
    summary: 'dvclive/metrics.json',
  },
  'dvclive/iterative-example-dvc-experiments-legacy': {
    series: ['acc', 'loss', 'val_acc', 'val_loss'],
    summary: 'dvclive.json',
  },
};

/** `{"train": {"loss": 1}}` → `train/loss`. */
function flat(value: unknown, prefix = '', out = new Map<string, number>()): Map<string, number> {
  if (typeof value === 'number') {
    out.set(prefix, value);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      flat(v, prefix ? `${prefix}/${k}` : k, out);
    }
  }
  return out;
}

describe('realworld: DVCLive', function () {
  let root: string;
  before(function () {
    root = requireFixtures(this);
  });

  it('finds exactly the 4 DVCLive runs; project = the folder holding dvclive/', async function () {
    const runs = (await discoverCsvFamily(root)).filter((r) => r.format === 'dvclive');
    assert.deepEqual(runs.map((r) => path.relative(root, path.dirname(r.dir))).sort(), Object.keys(RUNS));
    for (const run of runs) {
      assert.equal(run.project, path.basename(path.dirname(run.dir)));
      assert.equal(run.name, 'dvclive');
    }
  });

  for (const [rel, want] of Object.entries(RUNS)) {
    it(`${rel}: series and last values equal DVCLive's own summary`, async function () {
      const [run] = (await discoverCsvFamily(path.join(root, rel))).filter((r) => r.format === 'dvclive');
      const state = await readRunOnce(dvcliveFormat, run);
      assert.deepEqual(state.errors, []);
      assert.deepEqual([...state.series.keys()].sort(), want.series);
      const summary = flat(JSON.parse(fs.readFileSync(path.join(root, rel, want.summary), 'utf8')));
      for (const name of want.series) {
        const s = state.series.get(name);
        assert.ok(s && s.length > 0, name);
        assert.equal(s.stats().last?.[0], summary.get('step'), `${name} last step`);
        if (summary.has(name)) {
          assert.equal(s.stats().last?.[1], summary.get(name), `${name} last value`);
        }
      }
      assert.ok(Object.keys(state.config).length > 0, 'params.yaml read');
    });
  }

  it('legacy TSVs carry `timestamp` (ms) as wall time; images under plots/images are artifacts', async function () {
    const [legacy] = await discoverCsvFamily(path.join(root, 'dvclive/iterative-example-dvc-experiments-legacy'), [
      dvcliveFormat,
    ]);
    const state = await readRunOnce(dvcliveFormat, legacy);
    assert.equal(state.series.get('acc')?.wallTimes[0], 1644420777.053);
    assert.deepEqual(state.config, { 'train.epochs': 10, 'model.conv_units': 16 });
    const [withImage] = await discoverCsvFamily(path.join(root, 'dvclive/iterative-dvclive-exp-tracking-at-75b6ce1'), [
      dvcliveFormat,
    ]);
    const s2 = await readRunOnce(dvcliveFormat, withImage);
    assert.deepEqual(
      s2.images.map((i) => [i.tag, i.mime]),
      [['numpy', 'image/png']],
    );
  });
});
