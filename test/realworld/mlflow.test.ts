// Real MLflow file stores from /work/shared/fixtures (MLflow 1.x Keras autolog on Windows, 2.22, 3.7 with
// logged models): every run found once with the right project/name/status, every metric file read
// exactly as MLflow's own line format says, params/tags in config, artifacts classified, and no junk runs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { DetectedRun } from '../../src/core/runs/model';
import { readRunOnce } from '../../src/core/runs/readOnce';
import { hfTrainerFormat } from '../../src/core/sources/hf-trainer/format';
import { jsonlFormat } from '../../src/core/sources/jsonl/format';
import { mlflowFormat } from '../../src/core/sources/mlflow/format';
import { fsDetectIo, listDir } from '../../src/core/watch/fsDetectIo';
import { requireFixtures } from '../support/fixtures';
import { discover } from '../unit/sources/jsonl/support/discover';

/** MLflow's own reading of a metric file (file_store._get_metric_from_line): ts value [step]. */
function referenceMetric(file: string): { steps: number[]; values: number[]; times: number[] } {
  const out = { steps: [] as number[], values: [] as number[], times: [] as number[] };
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) {
      continue;
    }
    const [ts, value, step] = line.trim().split(' ');
    out.times.push(Number(ts) / 1000);
    out.values.push(value === 'nan' ? NaN : value === 'inf' ? Infinity : value === '-inf' ? -Infinity : Number(value));
    out.steps.push(step === undefined ? 0 : Number(step));
  }
  return out;
}

function walkFiles(dir: string, rel = ''): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walkFiles(path.join(dir, e.name), `${rel}${e.name}/`) : [`${rel}${e.name}`]));
}

describe('realworld: MLflow file store', function () {
  let root: string;
  let runs: DetectedRun[];
  before(async function () {
    root = requireFixtures(this);
    runs = (await discover(root, [mlflowFormat, hfTrainerFormat, jsonlFormat])).filter((r) => r.format === 'mlflow');
  });

  it('finds the 11 runs, with experiment names as projects, and no run from models/ or the stray nested store', function () {
    const rel = runs.map((r) => path.relative(path.join(root, 'mlflow'), r.dir)).sort();
    assert.equal(rel.length, 11);
    assert.equal(rel.filter((r) => r.startsWith('alvelezp-mlflow2-sklearn/mlruns/0/')).length, 7);
    assert.equal(rel.filter((r) => r.startsWith('lissygrace-mlflow3-sklearn/mlruns/516221907975278643/')).length, 3);
    assert.ok(rel.every((r) => !r.includes('/models/') && !r.includes('mlruns/mlruns')));
    const byId = new Map(runs.map((r) => [path.basename(r.dir), r]));
    assert.equal(byId.get('ed05f9cd599442fe9a0c9222184710b8')?.project, 'Speech model simple rnn');
    assert.equal(byId.get('4d2965b64d0a4909b3c6fcfe4e4c03bc')?.project, 'Default');
    assert.equal(byId.get('4d2965b64d0a4909b3c6fcfe4e4c03bc')?.name, 'abundant-elk-898');
    assert.equal(byId.get('370084186acf42c1ba19ea7f3f2ff468')?.name, 'knn_fc5eb0a4');
    for (const run of runs) {
      assert.equal(run.id, `mlflow:${run.dir}`);
    }
  });

  it('reads every run: metrics equal to the files, params and tags as config, status and times', async function () {
    for (const run of runs) {
      const state = await readRunOnce(mlflowFormat, run);
      const what = path.relative(root, run.dir);
      assert.deepEqual(state.errors, [], what);
      const metricKeys = walkFiles(path.join(run.dir, 'metrics')).sort();
      assert.ok(metricKeys.length > 0, what);
      assert.deepEqual([...state.series.keys()].sort(), metricKeys, what);
      for (const key of metricKeys) {
        const ref = referenceMetric(path.join(run.dir, 'metrics', key));
        const series = state.series.get(key);
        assert.deepEqual([...(series?.steps ?? [])], ref.steps, `${what} ${key} steps`);
        assert.deepEqual([...(series?.values ?? [])], ref.values, `${what} ${key} values`);
        assert.deepEqual([...(series?.wallTimes ?? [])], ref.times, `${what} ${key} times`);
      }
      for (const key of walkFiles(path.join(run.dir, 'params'))) {
        assert.equal(
          state.config[key],
          fs.readFileSync(path.join(run.dir, 'params', key), 'utf8'),
          `${what} param ${key}`,
        );
      }
      for (const key of walkFiles(path.join(run.dir, 'tags'))) {
        assert.equal(
          state.config[`tags.${key}`],
          fs.readFileSync(path.join(run.dir, 'tags', key), 'utf8'),
          `${what} tag ${key}`,
        );
      }
      const failed = path.basename(run.dir) === 'ef106bf5f6ea4f5d85707f1ac3967148';
      assert.equal(state.statedStatus, failed ? 'failed' : 'finished', what);
      assert.equal(state.config['mlflow.status'], failed ? 'FAILED' : 'FINISHED', what);
      assert.ok(state.startTime && state.endTime && state.endTime >= state.startTime, what);
    }
  });

  it('keras autolog on Windows: no run name (named by its id), loss 0..9, file:///C:/ artifact URI harmless, TB logs left to TensorBoard', async function () {
    const run = runs.find((r) => r.dir.endsWith('ed05f9cd599442fe9a0c9222184710b8'));
    assert.ok(run);
    const state = await readRunOnce(mlflowFormat, run);
    assert.equal(state.name, 'ed05f9cd599442fe9a0c9222184710b8');
    assert.equal(state.config['tags.mlflow.autologging'], 'tensorflow');
    assert.equal(state.config['mlflow.artifact_uri']?.toString().startsWith('file:///C:/Users/Maelaf%20ES/'), true);
    assert.deepEqual([...(state.series.get('loss')?.steps ?? [])], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const model = state.checkpoints.find((c) => c.path === path.join(run.dir, 'artifacts', 'model'));
    assert.equal(model?.label, 'model');
    assert.ok(state.otherFiles.some((f) => f.path.endsWith('model_summary.txt')));
    assert.ok(state.otherFiles.some((f) => f.path.includes('tfevents') && f.role === 'log'));
    // Discovery still reaches the event files: the run does not claim artifacts/, and below it the
    // event files are not claimed.
    const runListing = await listDir(run.dir);
    assert.ok(runListing);
    const runClaims = await mlflowFormat.detect(runListing, fsDetectIo);
    assert.ok(!runClaims?.claimedDirs?.includes('artifacts'));
    const tbListing = await listDir(path.join(run.dir, 'artifacts', 'tensorboard_logs', 'train'));
    assert.ok(tbListing);
    const tbClaims = await mlflowFormat.detect(tbListing, fsDetectIo);
    assert.ok(tbListing.files.some((f) => f.includes('tfevents')));
    assert.ok((tbClaims?.claimedFiles ?? []).every((f) => !f.includes('tfevents')));
  });

  it('MLflow 2 artifacts: SHAP plots as images, model and explainer folders as checkpoints', async function () {
    const run = runs.find((r) => r.dir.endsWith('4d2965b64d0a4909b3c6fcfe4e4c03bc'));
    assert.ok(run);
    const state = await readRunOnce(mlflowFormat, run);
    assert.deepEqual(state.images.map((i) => i.tag).sort(), [
      'shap_beeswarm_plot.png',
      'shap_feature_importance_plot.png',
      'shap_summary_plot.png',
    ]);
    assert.deepEqual(state.checkpoints.map((c) => path.basename(c.path)).sort(), ['explainer', 'model']);
    assert.ok(state.checkpoints.every((c) => (c.sizeBytes ?? 0) > 0));
  });

  it('MLflow 3: each run links its logged model (models/m-<id>/artifacts) as a checkpoint', async function () {
    const run = runs.find((r) => r.dir.endsWith('370084186acf42c1ba19ea7f3f2ff468'));
    assert.ok(run);
    const state = await readRunOnce(mlflowFormat, run);
    assert.equal(state.checkpoints.length, 1);
    assert.equal(
      state.checkpoints[0].path,
      path.join(path.dirname(run.dir), 'models', 'm-5374a5db53cc4dbbb1ae574ec1e6bb5a', 'artifacts'),
    );
    assert.equal(state.checkpoints[0].step, 0);
    assert.equal(state.config['n_neighbors'], fs.readFileSync(path.join(run.dir, 'params', 'n_neighbors'), 'utf8'));
  });
});
