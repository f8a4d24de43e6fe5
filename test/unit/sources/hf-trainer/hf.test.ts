// HF Trainer detection and reading on output dirs the tests write: which trainer_state.json is read,
// rewrites → reset with the whole state, truncated (mid-write) files, NaN tokens, checkpoint artifacts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { DetectedRun, RunDelta } from '../../../../src/core/runs/model';
import { readRunOnce } from '../../../../src/core/runs/readOnce';
import { RunState } from '../../../../src/core/runs/runState';
import { hfTrainerFormat } from '../../../../src/core/sources/hf-trainer/format';
import { parseTrainerState } from '../../../../src/core/sources/hf-trainer/trainerState';
import { fsDetectIo, listDir } from '../../../../src/core/watch/fsDetectIo';
import { TempDir } from '../jsonl/support/tmp';
import { history, HfWriter, trainerStateText } from './writer';

async function detect(dir: string): Promise<{ run?: DetectedRun; claimedDirs?: string[]; claimedFiles?: string[] }> {
  const listing = await listDir(dir);
  assert.ok(listing);
  const found = await hfTrainerFormat.detect(listing, fsDetectIo);
  return { run: found?.runs[0], claimedDirs: found?.claimedDirs, claimedFiles: found?.claimedFiles };
}

describe('hf-trainer: trainer_state.json parsing', function () {
  it('reads bare NaN/Infinity, and names truncated vs. invalid JSON', function () {
    const text = trainerStateText({ log_history: [{ loss: NaN, grad_norm: Infinity, step: 5, epoch: 0.1 }] });
    assert.match(text, /"loss": NaN/);
    const ok = parseTrainerState(text);
    assert.ok('state' in ok && Number.isNaN(ok.state.log[0].loss));
    const cut = parseTrainerState(text.slice(0, text.length / 2));
    assert.equal('error' in cut && cut.error.code, 'truncated-json');
    const bad = parseTrainerState('{"log_history": [}]}');
    assert.equal('error' in bad && bad.error.code, 'bad-json');
  });
});

describe('hf-trainer: detection', function () {
  let tmp: TempDir;
  let w: HfWriter;
  beforeEach(() => {
    tmp = new TempDir();
    w = new HfWriter(tmp);
  });
  afterEach(() => tmp.remove());

  it('an output dir with checkpoints only is one run; checkpoint folders claimed, runs/ not', async function () {
    w.checkpoint(10);
    w.checkpoint(20);
    w.write('runs/Jan01_00-00-00_host/events.out.tfevents.1.host', 'x');
    const found = await detect(w.dir);
    assert.deepEqual(found.run, {
      id: `hf-trainer:${w.dir}`,
      format: 'hf-trainer',
      dir: w.dir,
      project: 'proj',
      name: 'out',
    });
    assert.deepEqual(found.claimedDirs, ['checkpoint-20', 'checkpoint-10']);
  });

  it('an output dir with trainer_state.json and result files; other JSON named trainer_state.json is not a run', async function () {
    w.rootState({ log_history: history(10) });
    w.write('all_results.json', '{"train_loss": 0.1}');
    const found = await detect(w.dir);
    assert.ok(found.run);
    assert.deepEqual(found.claimedFiles?.sort(), ['all_results.json', 'trainer_state.json']);
    tmp.write('other/trainer_state.json', '{"hello": 1}');
    tmp.mkdir('other/checkpoint-x');
    assert.equal((await detect(tmp.path('other'))).run, undefined);
  });
});

describe('hf-trainer: reader', function () {
  let tmp: TempDir;
  let w: HfWriter;
  let run: DetectedRun;
  beforeEach(() => {
    tmp = new TempDir();
    w = new HfWriter(tmp);
    run = { id: 'hf-trainer:x', format: 'hf-trainer', dir: w.dir, project: 'proj', name: 'out' };
  });
  afterEach(() => tmp.remove());

  it('series: every numeric log key at entry.step (Trainer names), step/epoch not series; config and totals', async function () {
    w.rootState({
      log_history: [...history(20), { epoch: 0.4, step: 20, train_runtime: 1.5, train_loss: 0.3 }],
      max_steps: 20,
      num_train_epochs: 1,
    });
    const state = await readRunOnce(hfTrainerFormat, run);
    assert.deepEqual([...state.series.keys()].sort(), [
      'eval_loss',
      'eval_runtime',
      'grad_norm',
      'learning_rate',
      'loss',
      'train_loss',
      'train_runtime',
    ]);
    assert.deepEqual([...(state.series.get('loss')?.steps ?? [])], [5, 10, 15, 20]);
    assert.deepEqual([...(state.series.get('eval_loss')?.values ?? [])], [0.3, 0.15]);
    assert.equal(state.totalSteps, 20);
    assert.equal(state.totalEpochs, 1);
    assert.equal(state.config['trainer.train_batch_size'], 8);
    assert.equal(state.statedStatus, 'finished');
  });

  it('checkpoints only: reads the highest N; a newer checkpoint → reset with the whole newer state', async function () {
    w.checkpoint(10);
    w.checkpoint(20);
    const reader = hfTrainerFormat.createReader(run);
    const state = new RunState(run);
    const first = await reader.poll();
    assert.equal(first.reset, undefined);
    state.apply(first);
    assert.equal(state.series.get('loss')?.stats().last?.[0], 20);
    assert.deepEqual(await reader.poll(), {});
    w.checkpoint(30);
    const second = await reader.poll();
    assert.equal(second.reset, true);
    state.apply(second);
    assert.deepEqual([...(state.series.get('loss')?.steps ?? [])], [5, 10, 15, 20, 25, 30]);
    assert.deepEqual(
      state.checkpoints.map((c) => c.step),
      [30, 20, 10],
    );
    assert.equal(state.checkpoints[0].epoch, 30 / 50);
    assert.equal(
      state.checkpoints[0].sizeBytes,
      100 + fs.statSync(path.join(w.dir, 'checkpoint-30', 'trainer_state.json')).size,
    );
  });

  it('the output dir state wins when present; a rewrite of it → reset; rotation removes a checkpoint', async function () {
    w.checkpoint(10);
    w.checkpoint(20);
    w.rootState({ log_history: history(20) });
    const reader = hfTrainerFormat.createReader(run);
    const state = new RunState(run);
    state.apply(await reader.poll());
    assert.ok(state.files.has(path.join(w.dir, 'trainer_state.json')));
    w.rootState({ log_history: [...history(20), { loss: 0.01, step: 25, epoch: 0.5 }] });
    fs.rmSync(path.join(w.dir, 'checkpoint-10'), { recursive: true });
    const delta = await reader.poll();
    assert.equal(delta.reset, true);
    state.apply(delta);
    assert.equal(state.series.get('loss')?.stats().last?.[1], 0.01);
    assert.deepEqual(
      state.checkpoints.map((c) => c.step),
      [20],
    );
  });

  it('a resumed training: the newest checkpoint is used when it is further along than the output dir state', async function () {
    w.rootState({ log_history: history(20), global_step: 20 });
    w.checkpoint(40);
    const state = await readRunOnce(hfTrainerFormat, run);
    assert.equal(state.series.get('loss')?.stats().last?.[0], 40);
  });

  it('truncated trainer_state.json (caught mid-write): named error, falls back to the newest checkpoint, recovers', async function () {
    w.checkpoint(10);
    const full = trainerStateText({ log_history: history(30) });
    w.rawRoot(full.slice(0, 200));
    const reader = hfTrainerFormat.createReader(run);
    const state = new RunState(run);
    const first: RunDelta = await reader.poll();
    state.apply(first);
    assert.deepEqual(
      state.errors.map((e) => e.code),
      ['truncated-json'],
    );
    assert.equal(state.series.get('loss')?.stats().last?.[0], 10, 'the checkpoint state is shown meanwhile');
    assert.deepEqual(await reader.poll(), {}, 'the same broken file is not reported again');
    w.rawRoot(full);
    const second = await reader.poll();
    assert.equal(second.reset, true);
    state.apply(second);
    assert.deepEqual(state.errors, []);
    assert.equal(state.series.get('loss')?.stats().last?.[0], 30);
  });

  it('malformed config.json is a named error; the series still load', async function () {
    w.rootState({ log_history: history(10) });
    w.write('config.json', '{"hidden_size": 12,');
    const state = await readRunOnce(hfTrainerFormat, run);
    assert.deepEqual(
      state.errors.map((e) => e.code),
      ['bad-json'],
    );
    assert.equal(state.series.get('loss')?.length, 2);
  });

  it('best_model_checkpoint (a path from the training machine) labels its folder "best"', async function () {
    w.checkpoint(10);
    w.checkpoint(20, { best_model_checkpoint: '/remote/machine/out/checkpoint-10' });
    const state = await readRunOnce(hfTrainerFormat, run);
    assert.deepEqual(
      state.checkpoints.map((c) => [c.step, c.label]),
      [
        [20, undefined],
        [10, 'best'],
      ],
    );
  });

  it('a state cut at any point: named error (truncated-json), never a throw', async function () {
    const full = trainerStateText({ log_history: history(40) });
    for (let i = 1; i < 20; i++) {
      const cut = parseTrainerState(full.slice(0, Math.floor((full.length * i) / 20)));
      assert.ok('error' in cut && cut.error.code === 'truncated-json', `cut ${i}`);
    }
    w.rawRoot(full.slice(0, 100));
    const state = await readRunOnce(hfTrainerFormat, run);
    assert.deepEqual(
      state.errors.map((e) => e.code),
      ['truncated-json'],
    );
    assert.equal(state.series.size, 0);
  });

  it('an output dir that vanished: no throw, empty state', async function () {
    const reader = hfTrainerFormat.createReader({ ...run, dir: tmp.path('nothing') });
    assert.deepEqual(await reader.poll(), {});
    assert.deepEqual(await reader.poll(), {});
  });
});
