// Every Ultralytics run dir in /work/shared/fixtures: found as `ultralytics` with project/name from the
// folders, series = the trimmed header (or the results.txt columns), and the values equal what
// TensorBoard's own loader reads from the event file the same YOLOv5 run wrote (float32 there, `%.5g` /
// `%10.4g` text here, hence the tolerance).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readRunOnce } from '../../src/core/runs/readOnce';
import { ultralyticsFormat } from '../../src/core/sources/ultralytics/format';
import { requireFixtures } from '../support/fixtures';
import { discoverCsvFamily } from '../unit/sources/csv/discover';
import { assertStats, type ExpectedStats } from '../unit/sources/csv/expect';

const RUNS = [
  'ultralytics/22pilarskil-yolov5-test/runs/train/exp',
  'ultralytics/22pilarskil-yolov5-test/runs/train/exp2',
  'ultralytics/22pilarskil-yolov5-test/runs/train/exp4',
  'ultralytics/22pilarskil-yolov5-test/runs/train/exp5',
  'ultralytics/22pilarskil-yolov5-test/runs/train/exp9',
  'ultralytics/abishekechno77-yolo26-nutrition/runs/detect/train',
  'ultralytics/abonia1-yolov8-fire-smoke/runs/detect/train',
  'ultralytics/babymelvin-yolo_learn/runs/classify/train',
  'ultralytics/babymelvin-yolo_learn/runs/detect/train',
  'ultralytics/babymelvin-yolo_learn/runs/detect/train2',
  'ultralytics/babymelvin-yolo_learn/runs/obb/train',
  'ultralytics/babymelvin-yolo_learn/runs/pose/train',
  'ultralytics/babymelvin-yolo_learn/runs/segment/train',
  'ultralytics/grafitkil-helmet-yolov5/runs/train/exp',
  'ultralytics/grafitkil-helmet-yolov5/runs/train/exp2',
  'ultralytics/ssong86-yolov5-legacy-results-txt/runs/train/exp',
  'ultralytics/ssong86-yolov5-legacy-results-txt/runs/train/exp3',
];

describe('realworld: Ultralytics', function () {
  let root: string;
  before(function () {
    root = requireFixtures(this);
  });

  it('finds exactly the 17 Ultralytics run dirs of all fixtures, project = task/train folder, name = run folder', async function () {
    const runs = (await discoverCsvFamily(root)).filter((r) => r.format === 'ultralytics');
    assert.deepEqual(runs.map((r) => path.relative(root, r.dir)).sort(), RUNS);
    for (const run of runs) {
      assert.equal(run.name, path.basename(run.dir));
      assert.equal(run.project, path.basename(path.dirname(run.dir)));
      assert.equal(run.id, `ultralytics:${run.dir}`);
    }
  });

  it('reads every run: series = trimmed header columns with one point per row, config and epochs from the yaml', async function () {
    for (const rel of RUNS) {
      const dir = path.join(root, rel);
      const [run] = await discoverCsvFamily(dir, [ultralyticsFormat]);
      const state = await readRunOnce(ultralyticsFormat, run);
      assert.deepEqual(state.errors, [], rel);
      assert.ok(Object.keys(state.config).length > 50, `${rel} config`);
      assert.ok(state.totalEpochs && state.totalEpochs > 0, `${rel} totalEpochs`);
      const csvFile = path.join(dir, 'results.csv');
      if (fs.existsSync(csvFile)) {
        const lines = fs.readFileSync(csvFile, 'utf8').trim().split('\n');
        const header = lines[0].split(',').map((h) => h.trim());
        assert.deepEqual(
          [...state.series.keys()],
          header.filter((h) => h !== 'epoch'),
          rel,
        );
        const epochs = lines.slice(1).map((l) => Number(l.split(',')[0]));
        for (const series of state.series.values()) {
          assert.deepEqual([...series.steps], epochs, `${rel} ${series.name}`);
        }
      } else if (!fs.existsSync(path.join(dir, 'results.txt'))) {
        assert.equal(state.series.size, 0, `${rel}: aborted run without results`);
      }
    }
  });

  it('new-style YOLO11 detect: 1-based epochs, `time` column, finished; failed first run keeps its zeros', async function () {
    const dir = path.join(root, 'ultralytics/babymelvin-yolo_learn/runs/detect/train');
    const state = await readRunOnce(ultralyticsFormat, (await discoverCsvFamily(dir, [ultralyticsFormat]))[0]);
    assert.deepEqual(state.series.get('time')?.stats().first, [1, 2.8949]);
    assert.equal(state.series.get('metrics/mAP50(B)')?.stats().max, 0);
    assert.equal(state.statedStatus, 'finished');
    assert.equal(state.config.save_dir, 'runs\\detect\\train');
    assert.deepEqual(state.images.map((i) => i.tag).sort(), ['results', 'val_batch0_pred']);
  });

  it('padded YOLOv8.0 header: names trimmed, 0-based epochs, plots as images', async function () {
    const dir = path.join(root, 'ultralytics/abonia1-yolov8-fire-smoke/runs/detect/train');
    const state = await readRunOnce(ultralyticsFormat, (await discoverCsvFamily(dir, [ultralyticsFormat]))[0]);
    assert.deepEqual(state.series.get('metrics/mAP50(B)')?.stats().first, [0, 0.15826]);
    assert.deepEqual(state.series.get('lr/pg2')?.stats().last, [24, 0.000892]);
    assert.equal(state.totalEpochs, 25);
    assert.equal(state.statedStatus, 'finished');
    assert.deepEqual(state.images.map((i) => i.tag).sort(), ['PR_curve', 'confusion_matrix', 'results']);
  });

  for (const rel of [
    'ultralytics/grafitkil-helmet-yolov5/runs/train/exp2',
    'ultralytics/ssong86-yolov5-legacy-results-txt/runs/train/exp3',
  ]) {
    it(`${rel}: equals what TensorBoard's loader reads from the same run's event file`, async function () {
      const expected = JSON.parse(fs.readFileSync(path.join(root, 'expected-tensorboard.json'), 'utf8'))[rel] as Record<
        string,
        ExpectedStats
      >;
      const state = await readRunOnce(
        ultralyticsFormat,
        (await discoverCsvFamily(path.join(root, rel), [ultralyticsFormat]))[0],
      );
      const names = Object.keys(expected).filter((t) => state.series.has(t));
      // results.txt has no learning rates; everything else TensorBoard saw must be here.
      assert.deepEqual(
        Object.keys(expected).filter((t) => !names.includes(t)),
        rel.includes('results-txt') ? ['x/lr0', 'x/lr1', 'x/lr2'] : [],
      );
      for (const name of names) {
        assertStats(state.series.get(name), expected[name], name, 1e-3, 1e-6);
      }
    });
  }
});
