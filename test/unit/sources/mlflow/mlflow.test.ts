// MLflow detection and reading on stores the tests write: claims, .trash/deleted runs, names, statuses,
// params/tags, nested metric keys, growth, meta rewrites, truncation (reset), artifacts, malformed input.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { DetectedRun } from '../../../../src/core/runs/model';
import { readRunOnce } from '../../../../src/core/runs/readOnce';
import { RunState } from '../../../../src/core/runs/runState';
import { mlflowFormat } from '../../../../src/core/sources/mlflow/format';
import { toRunStatus, statusName } from '../../../../src/core/sources/mlflow/meta';
import type { Detection } from '../../../../src/core/sources/types';
import { fsDetectIo, listDir } from '../../../../src/core/watch/fsDetectIo';
import { discover } from '../jsonl/support/discover';
import { TempDir } from '../jsonl/support/tmp';
import { MlflowWriter } from './writer';

const RUN = '0123456789abcdef0123456789abcdef';
const RUN2 = 'fedcba9876543210fedcba9876543210';

async function detectAt(dir: string): Promise<Detection | undefined> {
  const listing = await listDir(dir);
  assert.ok(listing, dir);
  return mlflowFormat.detect(listing, fsDetectIo);
}

describe('mlflow: detection', function () {
  let tmp: TempDir;
  let w: MlflowWriter;
  beforeEach(() => {
    tmp = new TempDir();
    w = new MlflowWriter(tmp);
  });
  afterEach(() => tmp.remove());

  it('finds each run in its folder: project = experiment name, name = run_name, store folders claimed', async function () {
    w.createExperiment('7', 'my-exp');
    w.createRun('7', RUN, { run_name: 'bright-owl-1' });
    w.logMetric('7', RUN, 'loss', 1, 0);
    w.logParam('7', RUN, 'lr', '0.1');
    w.setTag('7', RUN, 'mlflow.runName', 'bright-owl-1');
    w.writeArtifact('7', RUN, 'plot.png', 'x');
    tmp.mkdir('mlruns/7/datasets/abc');
    tmp.mkdir('mlruns/7/models/m-1');
    const found = await detectAt(w.runDir('7', RUN));
    assert.deepEqual(found?.runs, [
      {
        id: `mlflow:${w.runDir('7', RUN)}`,
        format: 'mlflow',
        dir: w.runDir('7', RUN),
        project: 'my-exp',
        name: 'bright-owl-1',
      },
    ]);
    assert.deepEqual(found?.claimedDirs?.sort(), ['metrics', 'params', 'tags']);
    assert.deepEqual(found?.claimedFiles, ['meta.yaml']);
    const exp = await detectAt(w.experimentDir('7'));
    assert.deepEqual(exp?.runs, []);
    assert.deepEqual(exp?.claimedDirs?.sort(), ['datasets', 'models']);
  });

  it('run name: the mlflow.runName tag when meta.yaml has none, else the run id', async function () {
    w.createExperiment('1', 'e');
    w.createRun('1', RUN, { name: '' });
    w.setTag('1', RUN, 'mlflow.runName', 'tagged-name');
    w.createRun('1', RUN2, {});
    assert.equal((await detectAt(w.runDir('1', RUN)))?.runs[0].name, 'tagged-name');
    assert.equal((await detectAt(w.runDir('1', RUN2)))?.runs[0].name, RUN2);
  });

  it('skips deleted runs, deleted experiments and .trash, without junk runs from artifacts', async function () {
    w.createExperiment('1', 'e');
    w.createRun('1', RUN, { lifecycle_stage: 'deleted' });
    w.createExperiment('2', 'gone', 'deleted');
    w.createRun('2', RUN2, {});
    const trash = new MlflowWriter(tmp, 'mlruns/.trash');
    trash.createExperiment('3', 'trashed');
    trash.createRun('3', RUN, {});
    w.createRun('1', RUN2, {});
    w.writeArtifact('1', RUN2, 'table.csv', 'a,b\n1,2\n');
    w.writeArtifact('1', RUN2, 'logs/metrics.jsonl', '{"step": 1, "loss": 1}\n');
    w.writeArtifact('1', RUN2, 'tb/events.out.tfevents.1.host', 'x');
    const runs = await discover(tmp.root, [mlflowFormat]);
    assert.deepEqual(
      runs.map((r) => r.dir),
      [w.runDir('1', RUN2)],
    );
    const inArtifacts = await detectAt(path.join(w.runDir('1', RUN2), 'artifacts', 'tb'));
    assert.equal(inArtifacts, undefined, 'event files stay unclaimed for the TensorBoard reader');
    const csv = await detectAt(path.join(w.runDir('1', RUN2), 'artifacts'));
    assert.deepEqual(csv?.claimedFiles, ['table.csv']);
  });

  it('a run with unreadable meta.yaml is still found (the reader names the error); logged-model folders are not runs', async function () {
    w.createExperiment('1', 'e');
    tmp.write(`mlruns/1/${RUN}/meta.yaml`, 'run_id: [unclosed\n  : :\n');
    w.logMetric('1', RUN, 'loss', 1, 0);
    w.logParam('1', RUN, 'lr', '0.1');
    tmp.write('mlruns/1/models/m-abc/meta.yaml', `model_id: m-abc\nsource_run_id: ${RUN}\nexperiment_id: '1'\n`);
    const runs = await discover(tmp.root, [mlflowFormat]);
    assert.deepEqual(
      runs.map((r) => [r.dir, r.name]),
      [[w.runDir('1', RUN), RUN]],
    );
  });
});

describe('mlflow: reader', function () {
  let tmp: TempDir;
  let w: MlflowWriter;
  let run: DetectedRun;
  beforeEach(async () => {
    tmp = new TempDir();
    w = new MlflowWriter(tmp);
    w.createExperiment('5', 'exp-five');
    w.createRun('5', RUN, { run_name: 'r1' });
    run = (await detectAt(w.runDir('5', RUN)))?.runs[0] as DetectedRun;
  });
  afterEach(() => tmp.remove());

  it('metrics (nested keys keep "/"), params as config, tags under tags., bookkeeping under mlflow.', async function () {
    w.logMetric('5', RUN, 'loss', 0.5, 0, 1700000001000);
    w.logMetric('5', RUN, 'loss', NaN, 1);
    w.logMetric('5', RUN, 'train/acc', 0.9, 10);
    w.logParam('5', RUN, 'lr', '0.001');
    w.logParam('5', RUN, 'model/depth', '12');
    w.setTag('5', RUN, 'mlflow.user', 'me');
    const state = await readRunOnce(mlflowFormat, run);
    assert.deepEqual(state.errors, []);
    assert.deepEqual([...state.series.keys()].sort(), ['loss', 'train/acc']);
    assert.equal(state.series.get('loss')?.wallTimes[0], 1700000001);
    assert.ok(Number.isNaN(state.series.get('loss')?.values[1]));
    assert.equal(state.config.lr, '0.001');
    assert.equal(state.config['model/depth'], '12');
    assert.equal(state.config['tags.mlflow.user'], 'me');
    assert.equal(state.config['mlflow.run_id'], RUN);
    assert.equal(state.project, 'exp-five');
    assert.equal(state.name, 'r1');
    assert.equal(state.statedStatus, 'running');
    assert.equal(state.startTime, 1700000000);
  });

  it('status codes map to ours; meta.yaml rewrites update status, end time and name', async function () {
    assert.deepEqual(
      [1, 2, 3, 4, 5, undefined].map((c) => toRunStatus(statusName(c))),
      ['running', 'running', 'finished', 'failed', 'failed', 'running'],
    );
    const reader = mlflowFormat.createReader(run);
    const state = new RunState(run);
    state.apply(await reader.poll());
    assert.equal(state.statedStatus, 'running');
    w.writeRunMeta('5', RUN, { run_name: 'renamed', status: 3, end_time: 1700000100000 });
    state.apply(await reader.poll());
    assert.equal(state.statedStatus, 'finished');
    assert.equal(state.endTime, 1700000100);
    assert.equal(state.name, 'renamed');
    assert.equal(state.config['mlflow.status'], 'FINISHED');
  });

  it('growth: half a metric line then the rest; a metric file appearing later', async function () {
    w.logMetric('5', RUN, 'loss', 1, 0);
    w.appendRaw('5', RUN, 'loss', '1700000000001 0.7');
    const reader = mlflowFormat.createReader(run);
    const first = await reader.poll();
    assert.deepEqual([...(first.points?.get('loss')?.steps ?? [])], [0]);
    w.appendRaw('5', RUN, 'loss', '5 1\n');
    w.logMetric('5', RUN, 'val/loss', 2, 1);
    const second = await reader.poll();
    assert.equal(second.reset, undefined);
    assert.deepEqual([...(second.points?.get('loss')?.values ?? [])], [0.75]);
    assert.deepEqual([...(second.points?.get('val/loss')?.values ?? [])], [2]);
    const third = await reader.poll();
    assert.equal(third.points, undefined);
    assert.equal(third.config, undefined);
  });

  it('a truncated metric file resets the run with its whole state', async function () {
    w.logMetric('5', RUN, 'loss', 1, 0);
    w.logMetric('5', RUN, 'loss', 2, 1);
    w.logMetric('5', RUN, 'acc', 3, 0);
    w.logParam('5', RUN, 'lr', '0.1');
    const reader = mlflowFormat.createReader(run);
    const state = new RunState(run);
    state.apply(await reader.poll());
    w.truncateMetric('5', RUN, 'loss', w.metricLine(9, 0));
    const delta = await reader.poll();
    assert.equal(delta.reset, true);
    state.apply(delta);
    assert.deepEqual([...(state.series.get('loss')?.values ?? [])], [9]);
    assert.deepEqual([...(state.series.get('acc')?.values ?? [])], [3]);
    assert.equal(state.config.lr, '0.1');
    assert.equal(state.name, 'r1');
  });

  it('malformed: bad YAML in meta.yaml and garbage metric lines are named errors; the rest loads', async function () {
    tmp.write(`mlruns/5/${RUN}/meta.yaml`, 'status: [3\nrun_id: : x\n');
    tmp.write('mlruns/5/meta.yaml', 'name: {broken\n');
    w.logMetric('5', RUN, 'loss', 1, 0);
    w.appendRaw('5', RUN, 'loss', 'garbage here\n');
    w.logMetric('5', RUN, 'loss', 2, 1);
    w.logParam('5', RUN, 'lr', '0.1');
    const state = await readRunOnce(mlflowFormat, run);
    assert.deepEqual(state.errors.map((e) => e.code).sort(), ['bad-metric-line', 'bad-yaml', 'bad-yaml']);
    assert.ok(state.errors.every((e) => e.file && path.isAbsolute(e.file)));
    assert.deepEqual([...(state.series.get('loss')?.values ?? [])], [1, 2]);
    assert.equal(state.config.lr, '0.1');
  });

  it('artifacts: images, MLmodel folders and weight files as checkpoints, other files by role', async function () {
    w.writeArtifact('5', RUN, 'plots/roc.png', 'png');
    w.writeArtifact('5', RUN, 'model/MLmodel', 'flavors: {}\n');
    w.writeArtifact('5', RUN, 'model/model.pkl', '0123456789');
    w.writeArtifact('5', RUN, 'weights/best.pt', 'abc');
    w.writeArtifact('5', RUN, 'summary.txt', 'hello');
    w.writeArtifact('5', RUN, 'data/preds.csv', 'a\n1\n');
    const state = await readRunOnce(mlflowFormat, run);
    assert.deepEqual(
      state.images.map((i) => [i.tag, i.mime]),
      [['plots/roc.png', 'image/png']],
    );
    const model = state.checkpoints.find((c) => c.label === 'model');
    assert.equal(model?.path, path.join(run.dir, 'artifacts', 'model'));
    assert.equal(model?.sizeBytes, 'flavors: {}\n'.length + 10);
    assert.ok(state.checkpoints.some((c) => c.path.endsWith(path.join('weights', 'best.pt')) && c.sizeBytes === 3));
    assert.deepEqual(state.otherFiles.map((f) => [path.basename(f.path), f.role]).sort(), [
      ['preds.csv', 'data'],
      ['summary.txt', 'other'],
    ]);
  });

  it('a Windows file:///C:/ artifact_uri and a missing artifacts folder break nothing', async function () {
    w.writeRunMeta('5', RUN, { run_name: 'r1', artifact_uri: 'file:///C:/Users/Some%20One/mlruns/5/x/artifacts' });
    w.logMetric('5', RUN, 'loss', 1, 0);
    const state = await readRunOnce(mlflowFormat, run);
    assert.deepEqual(state.errors, []);
    assert.equal(state.checkpoints.length + state.images.length + state.otherFiles.length, 0);
    assert.equal(state.series.get('loss')?.length, 1);
  });

  it('an experiment rename and a runName tag change are followed', async function () {
    w.writeRunMeta('5', RUN, {});
    w.setTag('5', RUN, 'mlflow.runName', 'first');
    const reader = mlflowFormat.createReader(run);
    const state = new RunState(run);
    state.apply(await reader.poll());
    assert.equal(state.name, 'first');
    w.createExperiment('5', 'renamed-experiment');
    w.setTag('5', RUN, 'mlflow.runName', 'second-name');
    state.apply(await reader.poll());
    assert.equal(state.project, 'renamed-experiment');
    assert.equal(state.name, 'second-name');
  });

  it('bounded fuzz: garbage lines and random append splits never throw and lose no valid line', async function () {
    let seed = 99;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let c = 0; c < 15; c++) {
      const key = `fuzz${c}`;
      let text = '';
      const good: number[] = [];
      for (let i = 0; i < 60; i++) {
        if (rand(6) === 0) {
          text += ['x y z w\n', '\u00e9\u00e8 1 2\n', '12 \n', ' 1 2\n', '1700000000000 1.5.5 3\n'][rand(5)];
        } else {
          const v = rand(1000) / 7;
          good.push(v);
          text += w.metricLine(v, i);
        }
      }
      const bytes = Buffer.from(text);
      const file = w.metricFile('5', RUN, key);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '');
      const reader = mlflowFormat.createReader(run);
      const state = new RunState(run);
      for (let at = 0; at < bytes.length;) {
        const next = Math.min(bytes.length, at + 1 + rand(50));
        fs.appendFileSync(file, bytes.subarray(at, next));
        at = next;
        state.apply(await reader.poll());
      }
      assert.deepEqual([...(state.series.get(key)?.values ?? [])], good, `case ${c}`);
      assert.deepEqual(
        [...new Set(state.errors.map((e) => e.code))].filter(
          (code) => code !== 'bad-metric-line' && code !== 'too-many-errors',
        ),
        [],
      );
      fs.rmSync(file);
    }
  });

  it('a run folder deleted while watched: one named error, poll never throws', async function () {
    const reader = mlflowFormat.createReader(run);
    await reader.poll();
    fs.rmSync(run.dir, { recursive: true });
    const delta = await reader.poll();
    assert.equal(delta.errors?.[0].code, 'read-failed');
    assert.deepEqual(await reader.poll(), {});
  });
});
