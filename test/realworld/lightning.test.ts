// Every Lightning CSVLogger version dir in /work/shared/fixtures, and the generated run's metrics.csv equal
// to generated/expected.json (Python's csv module; step = `step`, `epoch` a series, empty cells skipped).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { bestCheckpoint, checkpointStep } from '../../src/core/checkpoints/runCheckpoints';
import { readRunOnce } from '../../src/core/runs/readOnce';
import { lightningFormat } from '../../src/core/sources/lightning/format';
import { requireFixtures } from '../support/fixtures';
import { discoverCsvFamily } from '../unit/sources/csv/discover';
import { assertStats, type ExpectedStats } from '../unit/sources/csv/expect';

const RUNS = [
  'generated/lightning_logs/regressor/version_0',
  'lightning-csv/airi-genrisk/lightning_logs/version_0',
  'lightning-csv/airi-genrisk/lightning_logs/version_2',
  'lightning-csv/airi-genrisk/lightning_logs/version_5',
  'lightning-csv/felixsoderstrom-waste-cnn/lightning_logs/version_0',
  'lightning-csv/jhko725-contact-point-legacy/lightning_logs/version_0',
  'lightning-csv/jhko725-contact-point-legacy/lightning_logs/version_2',
  'lightning-csv/jhko725-contact-point-legacy/lightning_logs/version_4',
  'lightning-csv/jhko725-contact-point-legacy/lightning_logs/version_7',
  'lightning-csv/jordi6-pytorchLit15min/lightning_logs/version_0',
  'lightning-csv/jordi6-pytorchLit15min/lightning_logs/version_1',
  'lightning-csv/jordi6-pytorchLit15min/lightning_logs/version_2',
  'lightning-csv/jordi6-pytorchLit15min/lightning_logs/version_3',
  'lightning-csv/jordi6-pytorchLit15min/lightning_logs/version_4',
  'lightning-csv/lhowann-trash-project/lightning_logs/version_0',
];

async function read(root: string, rel: string) {
  const [run] = await discoverCsvFamily(path.join(root, rel), [lightningFormat]);
  return readRunOnce(lightningFormat, run);
}

describe('realworld: Lightning CSVLogger', function () {
  let root: string;
  before(function () {
    root = requireFixtures(this);
  });

  it('finds exactly the 15 CSVLogger version dirs; project = logger name, name = version_N', async function () {
    const runs = (await discoverCsvFamily(root)).filter((r) => r.format === 'lightning');
    assert.deepEqual(runs.map((r) => path.relative(root, r.dir)).sort(), RUNS);
    for (const run of runs) {
      assert.match(run.name, /^version_\d+$/);
      assert.equal(run.project, path.basename(path.dirname(run.dir)));
    }
  });

  it('reads every run with data; the single-newline metrics.csv (jhko725 version_2) is a named error', async function () {
    for (const rel of RUNS) {
      const state = await read(root, rel);
      if (rel.endsWith('jhko725-contact-point-legacy/lightning_logs/version_2')) {
        assert.deepEqual(
          state.errors.map((e) => e.code),
          ['no-header'],
        );
        assert.equal(state.series.size, 0);
        continue;
      }
      assert.deepEqual(state.errors, [], rel);
      assert.ok(state.series.size > 0, rel);
      for (const s of state.series.values()) {
        assert.ok(s.length > 0, `${rel} ${s.name}`);
      }
    }
  });

  it('generated metrics.csv equals generated/expected.json exactly; hparams and checkpoints read', async function () {
    const expected = JSON.parse(fs.readFileSync(path.join(root, 'generated/expected.json'), 'utf8'))[
      'lightning_logs/regressor/version_0/metrics.csv'
    ] as Record<string, ExpectedStats>;
    const state = await read(root, 'generated/lightning_logs/regressor/version_0');
    assert.deepEqual([...state.series.keys()].sort(), Object.keys(expected).sort());
    for (const [name, stats] of Object.entries(expected)) {
      assertStats(state.series.get(name), stats, name);
    }
    assert.deepEqual(state.config, { hidden: 8, lr: 0.02, 'sched.gamma': 0.5, 'sched.name': 'step' });
    const ck = state.checkpoints.map((c) => [path.basename(c.path), c.epoch, c.label]).sort();
    assert.deepEqual(ck, [
      ['epoch=3-val_loss=0.450.ckpt', 3, undefined],
      ['epoch=4-val_loss=0.378.ckpt', 4, undefined],
      ['last.ckpt', undefined, 'last'],
    ]);
  });

  it('jordi6: the column order differs between versions but every version reads the same shape', async function () {
    for (let v = 0; v <= 4; v++) {
      const state = await read(root, `lightning-csv/jordi6-pytorchLit15min/lightning_logs/version_${v}`);
      assert.deepEqual([...state.series.keys()].sort(), ['epoch', 'train_loss'], `version_${v}`);
      assert.deepEqual(state.config, {});
    }
  });

  it('jhko725 0.x layout: `epoch` is the step, meta_tags.csv is the config (object repr kept as text)', async function () {
    const state = await read(root, 'lightning-csv/jhko725-contact-point-legacy/lightning_logs/version_4');
    assert.deepEqual([...state.series.keys()], ['train_loss']);
    assert.deepEqual(state.series.get('train_loss')?.stats().first, [0, 85.99779510498047]);
    assert.equal(state.config.lr, 0.02);
    assert.equal(state.config.hidden_nodes, '[10, 10]');
    assert.match(String(state.config.train_dataset), /^<cp_detection\.NeuralODE\.GeneralModeDataset object/);
  });

  it('airi-genrisk: `nan` cells are NaN points, not gaps', async function () {
    const state = await read(root, 'lightning-csv/airi-genrisk/lightning_logs/version_0');
    const gen = state.series.get('train_gen_loss');
    assert.ok(gen && gen.length > 0 && Number.isNaN(gen.values[0]));
  });

  it('generated regressor: checkpoints named by epoch and val_loss sit at the end of their epoch; the lowest is best', async function () {
    const state = await read(root, 'generated/lightning_logs/regressor/version_0');
    const epochs = state.series.get('epoch');
    const byName = new Map(state.checkpoints.map((c) => [path.basename(c.path), c]));
    const at = (name: string) => {
      const c = byName.get(name);
      assert.ok(c, name);
      return checkpointStep(c, epochs);
    };
    // The CSV's epoch column: epoch 3 ends at step 63, epoch 4 at 79 (where val_loss was logged).
    assert.equal(at('epoch=3-val_loss=0.450.ckpt'), 63);
    assert.equal(at('epoch=4-val_loss=0.378.ckpt'), 79);
    assert.equal(at('last.ckpt'), undefined);
    const valLoss = state.series.get('val_loss');
    const logged = (step: number) => valLoss?.values[[...(valLoss?.steps ?? [])].indexOf(step)];
    assert.equal(logged(63)?.toFixed(3), '0.450');
    assert.equal(logged(79)?.toFixed(3), '0.378');
    assert.equal(path.basename(bestCheckpoint(state.checkpoints)?.path ?? ''), 'epoch=4-val_loss=0.378.ckpt');
  });
});
