import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readRunOnce } from '../../../../src/core/runs/readOnce';
import { ultralyticsFormat } from '../../../../src/core/sources/ultralytics/format';
import { Follow, append, detectIn, put, tempDir } from '../csv/writers';

const ARGS =
  'task: detect\nmode: train\nmodel: yolo11n.pt\nepochs: 3\nbatch: 16\nproject: null\nname: train\nsave_dir: runs\\detect\\train\n';
const NEW_HEADER = 'epoch,time,train/box_loss,metrics/mAP50(B),lr/pg0\n';

/** A pre-8.3.9 padded row: every cell `%23s`/`%23.5g`. */
function padded(cells: (string | number)[]): string {
  return cells.map((c) => String(c).padStart(23)).join(',') + '\n';
}

describe('ultralytics', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = tempDir();
    dir = path.join(root, 'runs', 'detect', 'train2');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('detects args.yaml + results.csv; project = task folder, name = run folder; claims only its files', async () => {
    put(dir, 'args.yaml', ARGS);
    put(dir, 'results.csv', NEW_HEADER);
    put(dir, 'results.png', 'png');
    put(dir, 'events.out.tfevents.1.h.1.0', '');
    put(dir, 'weights/best.pt', 'w');
    const d = (await detectIn(ultralyticsFormat, dir))!;
    assert.deepEqual(d.runs[0], {
      id: `ultralytics:${dir}`,
      format: 'ultralytics',
      dir,
      project: 'detect',
      name: 'train2',
    });
    assert.deepEqual(d.claimedFiles, ['args.yaml', 'results.csv', 'results.png']);
    assert.deepEqual(d.claimedDirs, ['weights']);
  });

  it('detects a live run with args.yaml only, and not a folder with some other args.yaml', async () => {
    put(dir, 'args.yaml', ARGS);
    assert.ok(await detectIn(ultralyticsFormat, dir));
    const other = path.join(root, 'other');
    put(other, 'args.yaml', 'foo: 1\n');
    assert.equal(await detectIn(ultralyticsFormat, other), undefined);
    const v5 = path.join(root, 'runs', 'train', 'exp');
    put(v5, 'opt.yaml', 'epochs: 3\n');
    put(v5, 'hyp.yaml', 'lr0: 0.01\n');
    assert.equal((await detectIn(ultralyticsFormat, v5))?.runs[0].project, 'train');
  });

  it('reads new-style results.csv: step = epoch, `time` a series, config, totalEpochs and finished status', async () => {
    put(dir, 'args.yaml', ARGS);
    put(dir, 'results.csv', NEW_HEADER + '1,2.89,3.45,0,0\n2,5.1,3.2,0.1,0.001\n3,7.1,3.1,0.2,8.092e-07\n');
    const s = await readRunOnce(ultralyticsFormat, (await detectIn(ultralyticsFormat, dir))!.runs[0]);
    assert.deepEqual([...s.series.keys()], ['time', 'train/box_loss', 'metrics/mAP50(B)', 'lr/pg0']);
    assert.deepEqual([...s.series.get('lr/pg0')!.steps], [1, 2, 3]);
    assert.equal(s.series.get('lr/pg0')!.stats().last?.[1], 8.092e-7);
    assert.equal(s.config.task, 'detect');
    assert.equal(s.config.save_dir, 'runs\\detect\\train');
    assert.equal(s.totalEpochs, 3);
    assert.equal(s.statedStatus, 'finished');
  });

  it('trims a padded (YOLOv8.0 / YOLOv5) header and cells; 0-based epochs; not finished before the last epoch', async () => {
    put(dir, 'args.yaml', ARGS.replace('epochs: 3', 'epochs: 25'));
    const file = put(
      dir,
      'results.csv',
      padded(['epoch', 'train/box_loss', 'metrics/mAP50(B)']) + padded([0, 1.6878, 0.15826]),
    );
    const f = new Follow(ultralyticsFormat, (await detectIn(ultralyticsFormat, dir))!.runs[0]);
    await f.poll();
    assert.deepEqual(f.values('train/box_loss'), [1.6878]);
    assert.deepEqual(f.steps('metrics/mAP50(B)'), [0]);
    append(file, padded([1, 1.5, 0.2]).slice(0, 30));
    await f.poll();
    assert.deepEqual(f.values('train/box_loss'), [1.6878]);
    append(file, padded([1, 1.5, 0.2]).slice(30));
    await f.poll();
    assert.deepEqual(f.values('train/box_loss'), [1.6878, 1.5]);
    assert.equal(f.state.statedStatus, undefined);
    assert.equal(f.state.totalEpochs, 25);
  });

  it('reads 2020 YOLOv5 results.txt (no header, `epoch/total`, `5.12G`) with opt.yaml + hyp.yaml', async () => {
    const v5 = path.join(root, 'runs', 'train', 'exp');
    put(v5, 'opt.yaml', 'weights: yolov5s.pt\nepochs: 2\nimg_size:\n- 640\n- 640\nhyp: data/hyp.scratch.yaml\n');
    put(v5, 'hyp.yaml', 'lr0: 0.01\nmomentum: 0.937\n');
    put(
      v5,
      'results.txt',
      '       0/1     5.12G    0.1256   0.04029   0.03113    0.1971        25       640         0         0  0.002948 0.0007939    0.1139   0.03296   0.02987\n' +
        '       1/1     5.14G    0.1217    0.0379    0.0303    0.1899        24       640       0.1       0.2  0.004346  0.001063    0.1122   0.02928   0.02932\n',
    );
    const s = await readRunOnce(ultralyticsFormat, (await detectIn(ultralyticsFormat, v5))!.runs[0]);
    assert.deepEqual(s.series.get('gpu_mem')?.values && [...s.series.get('gpu_mem')!.values], [5.12, 5.14]);
    assert.deepEqual([...s.series.get('metrics/mAP_0.5:0.95')!.steps], [0, 1]);
    assert.deepEqual([...s.series.get('val/cls_loss')!.values], [0.02987, 0.02932]);
    assert.equal(s.series.has('epoch'), false);
    assert.equal(s.config['hyp.lr0'], 0.01);
    assert.equal(s.config.img_size, '[640,640]');
    assert.equal(s.totalEpochs, 2);
    assert.equal(s.statedStatus, 'finished');
  });

  it('lists weights as checkpoints and plots / batch images as image artifacts (tag = file stem)', async () => {
    put(dir, 'args.yaml', ARGS);
    put(dir, 'results.csv', NEW_HEADER + '1,2.89,3.45,0,0\n');
    put(dir, 'weights/best.pt', 'bb');
    put(dir, 'weights/last.pt', 'lll');
    put(dir, 'weights/epoch10.pt', 'e');
    put(dir, 'weights/.last.pt.icloud', 'placeholder');
    for (const name of [
      'results.png',
      'confusion_matrix_normalized.png',
      'BoxPR_curve.png',
      'labels.jpg',
      'train_batch0.jpg',
      'val_batch0_pred.jpg',
      'val_batch0_labels.jpg',
    ]) {
      put(dir, name, 'img');
    }
    const s = await readRunOnce(ultralyticsFormat, (await detectIn(ultralyticsFormat, dir))!.runs[0]);
    const ck = new Map(s.checkpoints.map((c) => [path.basename(c.path), c]));
    assert.deepEqual([...ck.keys()].sort(), ['best.pt', 'epoch10.pt', 'last.pt']);
    assert.equal(ck.get('best.pt')?.label, 'best');
    assert.equal(ck.get('last.pt')?.sizeBytes, 3);
    assert.equal(ck.get('epoch10.pt')?.epoch, 10);
    const tags = s.images.map((i) => i.tag).sort();
    assert.deepEqual(tags, [
      'BoxPR_curve',
      'confusion_matrix_normalized',
      'labels',
      'results',
      'train_batch0',
      'val_batch0_labels',
      'val_batch0_pred',
    ]);
    const pred = s.images.find((i) => i.tag === 'val_batch0_pred')!;
    assert.deepEqual(pred.source, { kind: 'file', path: path.join(dir, 'val_batch0_pred.jpg') });
    assert.equal(pred.mime, 'image/jpeg');
    assert.equal(s.otherFiles.find((f) => f.path.endsWith('val_batch0_pred.jpg'))?.role, 'prediction');
    assert.equal(s.otherFiles.find((f) => f.path.endsWith('results.png'))?.role, 'plot');
  });

  it('names a broken args.yaml and still reads the series; results.csv appearing later is picked up', async () => {
    put(dir, 'args.yaml', 'task: detect\nmode: train\nepochs: [3\n');
    const f = new Follow(ultralyticsFormat, (await detectIn(ultralyticsFormat, dir))!.runs[0]);
    await f.poll();
    assert.deepEqual(f.codes(), ['config-parse']);
    put(dir, 'results.csv', NEW_HEADER + '1,2.89,3.45,0,0\n');
    await f.poll();
    assert.deepEqual(f.values('train/box_loss'), [3.45]);
  });
});
