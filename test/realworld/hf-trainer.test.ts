// Real HF Trainer output dirs from /work/shared/fixtures: the three output dirs found (and none of their
// checkpoint folders or runs/ claimed wrongly), series equal to generated/expected.json (Python's json
// over log_history, step = entry["step"], step/epoch not series), config/meta/checkpoint artifacts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { DetectedRun } from '../../src/core/runs/model';
import { readRunOnce } from '../../src/core/runs/readOnce';
import { PointCollector, Series } from '../../src/core/series/series';
import { hfTrainerFormat } from '../../src/core/sources/hf-trainer/format';
import { parseTrainerState, stateSeries } from '../../src/core/sources/hf-trainer/trainerState';
import { jsonlFormat } from '../../src/core/sources/jsonl/format';
import { mlflowFormat } from '../../src/core/sources/mlflow/format';
import { fsDetectIo, listDir } from '../../src/core/watch/fsDetectIo';
import { requireFixtures } from '../support/fixtures';
import { assertSeriesMatches, discover, type ExpectedStats } from '../unit/sources/jsonl/support/discover';

describe('realworld: Hugging Face Trainer', function () {
  let root: string;
  let runs: DetectedRun[];
  let expected: Record<string, Record<string, ExpectedStats>>;
  before(async function () {
    root = requireFixtures(this);
    runs = (await discover(root, [mlflowFormat, hfTrainerFormat, jsonlFormat])).filter(
      (r) => r.format === 'hf-trainer',
    );
    expected = JSON.parse(fs.readFileSync(path.join(root, 'generated', 'expected.json'), 'utf8')) as typeof expected;
  });

  it('finds the three output dirs; project = parent folder, name = output folder', function () {
    const found = runs.map((r) => `${r.project}/${r.name}`).sort();
    assert.deepEqual(found, [
      'aguleon-lora-roberta-agnews/results',
      'hf-trainer/p4p4n1ck-whisper-large-v2-ja',
      'hf_runs/bert-tiny-cls',
    ]);
  });

  it('claims the checkpoint folders but not runs/ (the TensorBoard reader takes it)', async function () {
    const listing = await listDir(path.join(root, 'hf-trainer', 'p4p4n1ck-whisper-large-v2-ja'));
    assert.ok(listing);
    const found = await hfTrainerFormat.detect(listing, fsDetectIo);
    assert.deepEqual(found?.claimedDirs, ['last-checkpoint']);
    assert.ok(found?.claimedFiles?.includes('trainer_state.json'));
  });

  it('every trainer_state.json in generated/hf_runs parses to the expected series', function () {
    for (const [rel, series] of Object.entries(expected)) {
      if (!rel.startsWith('hf_runs/')) {
        continue;
      }
      const parsed = parseTrainerState(fs.readFileSync(path.join(root, 'generated', rel), 'utf8'));
      assert.ok('state' in parsed, rel);
      const points = new PointCollector();
      stateSeries(parsed.state, points);
      const batches = points.take();
      assert.deepEqual([...batches.keys()].sort(), Object.keys(series).sort(), rel);
      for (const [name, stats] of Object.entries(series)) {
        const s = new Series(name);
        const batch = batches.get(name);
        if (batch) {
          s.append(batch);
        }
        assertSeriesMatches(s, stats, 0, `${rel} ${name}`);
      }
    }
  });

  it('bert-tiny-cls run: the output dir state (= expected), config, totals, checkpoints 20/40/45', async function () {
    const run = runs.find((r) => r.name === 'bert-tiny-cls');
    assert.ok(run);
    const state = await readRunOnce(hfTrainerFormat, run);
    assert.deepEqual(state.errors, []);
    const want = expected['hf_runs/bert-tiny-cls/trainer_state.json'];
    assert.deepEqual([...state.series.keys()].sort(), Object.keys(want).sort());
    for (const [name, stats] of Object.entries(want)) {
      assertSeriesMatches(state.series.get(name), stats, 0, name);
    }
    const raw = JSON.parse(fs.readFileSync(path.join(run.dir, 'trainer_state.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    assert.equal(state.totalSteps, raw.max_steps);
    assert.equal(state.totalEpochs, raw.num_train_epochs);
    assert.equal(state.config['trainer.train_batch_size'], raw.train_batch_size);
    assert.equal(state.statedStatus, 'finished');
    assert.ok(
      Object.keys(state.config).some((k) => k.startsWith('model.')),
      'config.json of the newest checkpoint',
    );
    assert.deepEqual(
      state.checkpoints.map((c) => c.step),
      [45, 40, 20],
    );
    for (const c of state.checkpoints) {
      const files = fs.readdirSync(c.path).map((f) => fs.statSync(path.join(c.path, f)).size);
      assert.equal(
        c.sizeBytes,
        files.reduce((a, b) => a + b, 0),
      );
      assert.ok((c.mtimeMs ?? 0) > 0);
      assert.equal(typeof c.epoch, 'number');
    }
  });

  it('aguleon (new schema, checkpoints only): reads the newest checkpoint-1200', async function () {
    const run = runs.find((r) => r.name === 'results');
    assert.ok(run);
    const state = await readRunOnce(hfTrainerFormat, run);
    assert.deepEqual(state.errors, []);
    const raw = JSON.parse(fs.readFileSync(path.join(run.dir, 'checkpoint-1200', 'trainer_state.json'), 'utf8')) as {
      log_history: Record<string, number>[];
    };
    const losses = raw.log_history.filter((e) => 'loss' in e);
    const loss = state.series.get('loss');
    assert.deepEqual(
      [...(loss?.steps ?? [])],
      losses.map((e) => e.step),
    );
    assert.deepEqual(
      [...(loss?.values ?? [])],
      losses.map((e) => e.loss),
    );
    assert.equal(state.series.get('eval_accuracy')?.length, raw.log_history.filter((e) => 'eval_accuracy' in e).length);
    assert.ok(!state.series.has('epoch') && !state.series.has('step'));
    assert.equal(state.totalSteps, 1200);
    assert.equal(state.config['trainer.best_model_checkpoint'], null);
    assert.equal(state.config['adapter.peft_type'], 'LORA');
    assert.deepEqual(
      state.checkpoints.map((c) => c.step),
      [1200, 1000, 500],
    );
  });

  it('whisper (old schema, root state): best checkpoint name, last-checkpoint, all_results', async function () {
    const run = runs.find((r) => r.name === 'p4p4n1ck-whisper-large-v2-ja');
    assert.ok(run);
    const state = await readRunOnce(hfTrainerFormat, run);
    assert.deepEqual(state.errors, []);
    assert.equal(state.series.get('loss')?.stats().last?.[0], 5000);
    assert.equal(state.series.get('eval_wer')?.stats().last?.[1], 0.7449365679946583);
    assert.equal(state.config['results.eval_samples'], 4485);
    assert.equal(
      state.config['trainer.best_model_checkpoint'],
      '/storage/elsayedissa/whisper-large-v2-japanese-24h/checkpoint-3000',
    );
    assert.deepEqual(
      state.checkpoints.map((c) => [path.basename(c.path), c.label]),
      [['last-checkpoint', 'last']],
    );
    assert.equal(state.totalSteps, 5000);
    assert.equal(state.totalEpochs, 39);
  });
});
