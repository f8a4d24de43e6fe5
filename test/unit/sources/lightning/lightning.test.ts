import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readRunOnce } from '../../../../src/core/runs/readOnce';
import { parseCheckpointName } from '../../../../src/core/checkpoints/checkpointName';
import { lightningFormat } from '../../../../src/core/sources/lightning/format';
import { Follow, append, csv, detectIn, put, tempDir } from '../csv/writers';

// Long names so the header's first 64 bytes stay the same when a column is added (FileTail's fingerprint).
const A = 'train/a_very_long_metric_name_that_fills_the_fingerprint_bytes_epoch';
const HEADER = ['epoch', A, 'step'];

describe('lightning CSVLogger', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = tempDir();
    dir = path.join(root, 'my_model', 'version_3');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('detects version_N/metrics.csv: project = logger name, name = version; claims its files only', async () => {
    put(dir, 'metrics.csv', csv([HEADER, [0, 1, 9]]));
    put(dir, 'hparams.yaml', 'lr: 0.1\n');
    put(dir, 'events.out.tfevents.1.host.1.0', '');
    put(dir, 'checkpoints/epoch=0-step=9.ckpt', 'x');
    const d = await detectIn(lightningFormat, dir);
    assert.ok(d);
    assert.equal(d.runs[0].id, `lightning:${dir}`);
    assert.equal(d.runs[0].project, 'my_model');
    assert.equal(d.runs[0].name, 'version_3');
    assert.deepEqual(d.claimedFiles, ['hparams.yaml', 'metrics.csv']);
    assert.deepEqual(d.claimedDirs, ['checkpoints']);
    // A TensorBoardLogger-only version dir is left to the TensorBoard reader.
    fs.rmSync(path.join(dir, 'metrics.csv'));
    assert.equal(await detectIn(lightningFormat, dir), undefined);
  });

  it('reads sparse rows keyed by `step`; `epoch` is a series; empty cells and empty steps give no point', async () => {
    put(
      dir,
      'metrics.csv',
      csv([
        ['epoch', 'lr-SGD', 'step', 'train_loss_step', 'val_loss'],
        ['', 0.02, 0, '', ''],
        [0, '', 4, 3.2, ''],
        [0, '', '', 1.0, ''],
        [0, '', 9, 'nan', 2.5],
        [1, '', 14, 'inf', ''],
      ]),
    );
    const run = (await detectIn(lightningFormat, dir))!.runs[0];
    const s = await readRunOnce(lightningFormat, run);
    assert.deepEqual([...s.series.keys()].sort(), ['epoch', 'lr-SGD', 'train_loss_step', 'val_loss']);
    assert.deepEqual([...s.series.get('epoch')!.steps], [4, 9, 14]);
    assert.deepEqual([...s.series.get('lr-SGD')!.steps], [0]);
    const loss = [...s.series.get('train_loss_step')!.values];
    assert.equal(loss[0], 3.2);
    assert.ok(Number.isNaN(loss[1]));
    assert.equal(loss[2], Infinity);
    assert.deepEqual(s.errors, []);
  });

  it('re-reads everything (reset) when metrics.csv is rewritten with a new column', async () => {
    const file = put(dir, 'metrics.csv', csv([HEADER, [0, 1, 9], [0, 2, 19]]));
    const run = (await detectIn(lightningFormat, dir))!.runs[0];
    const f = new Follow(lightningFormat, run);
    await f.settle();
    assert.deepEqual(f.values(A), [1, 2]);
    append(file, csv([[0, 3, 29]]));
    await f.poll();
    assert.deepEqual(f.values(A), [1, 2, 3]);
    // New key: Lightning truncates and rewrites the same file with the sorted union of keys.
    const fd = fs.openSync(file, 'r+');
    fs.ftruncateSync(fd, 0);
    fs.writeSync(
      fd,
      csv([
        [...HEADER, 'val_loss'],
        [0, 1, 9, ''],
        [0, 2, 19, ''],
        [0, 3, 29, ''],
        [0, '', 29, 0.5],
      ]),
      0,
    );
    fs.closeSync(fd);
    const d = await f.poll();
    assert.equal(d.reset, true);
    assert.deepEqual(f.values(A), [1, 2, 3]);
    assert.deepEqual(f.values('val_loss'), [0.5]);
    assert.deepEqual(f.values('epoch'), [0, 0, 0, 0]);
  });

  it('follows growth half a line at a time', async () => {
    const file = put(dir, 'metrics.csv', 'epoch,loss,step\r\n0,0.5,0\r\n0,0.2');
    const f = new Follow(lightningFormat, (await detectIn(lightningFormat, dir))!.runs[0]);
    await f.poll();
    assert.deepEqual(f.values('loss'), [0.5]);
    append(file, '5,1\r\n');
    await f.poll();
    assert.deepEqual(f.values('loss'), [0.5, 0.25]);
    assert.deepEqual(f.steps('loss'), [0, 1]);
  });

  it('loads hparams.yaml with Python tags as data (nothing constructed) and names broken YAML, series still load', async () => {
    put(
      dir,
      'metrics.csv',
      csv([
        ['step', 'loss'],
        [0, 1],
      ]),
    );
    put(
      dir,
      'hparams.yaml',
      'lr: 0.001\nbetas: !!python/tuple\n- 0.9\n- 0.999\nmodel: !!python/object:torch.nn.Linear\n  in_features: 4\nact: !!python/name:torch.nn.ReLU ""\n',
    );
    const s = await readRunOnce(lightningFormat, (await detectIn(lightningFormat, dir))!.runs[0]);
    assert.equal(s.config.lr, 0.001);
    assert.equal(s.config.betas, '[0.9,0.999]');
    assert.equal(s.config['model.in_features'], 4);
    put(dir, 'hparams.yaml', 'lr: [0.1\n  bad: : :\n');
    const broken = await readRunOnce(lightningFormat, (await detectIn(lightningFormat, dir))!.runs[0]);
    assert.deepEqual(
      broken.errors.map((e) => e.code),
      ['config-parse'],
    );
    assert.equal(broken.series.get('loss')?.length, 1);
  });

  it('reads the 0.x layout: meta_tags.csv as config, `epoch` as step when there is no `step`', async () => {
    put(dir, 'meta_tags.csv', 'key,value\nlr,0.02\nhidden_nodes,"[10, 10]"\nflag,True\n');
    put(
      dir,
      'metrics.csv',
      'train_loss,epoch,created_at\n85.9,0,2020-02-03 16:42:19.516524\n85.8,1,2020-02-03 16:42:57.154419\n',
    );
    put(dir, 'meta.experiment', '{"name": "lightning_logs", "version": 3}');
    const d = (await detectIn(lightningFormat, dir))!;
    assert.deepEqual(d.claimedFiles, ['meta.experiment', 'meta_tags.csv', 'metrics.csv']);
    const s = await readRunOnce(lightningFormat, d.runs[0]);
    assert.deepEqual(s.config, { lr: 0.02, hidden_nodes: '[10, 10]', flag: true });
    assert.deepEqual([...s.series.keys()], ['train_loss']);
    assert.deepEqual([...s.series.get('train_loss')!.steps], [0, 1]);
  });

  it('lists checkpoints with epoch/step from their names', async () => {
    put(
      dir,
      'metrics.csv',
      csv([
        ['step', 'loss'],
        [0, 1],
      ]),
    );
    put(dir, 'checkpoints/epoch=4-step=100.ckpt', 'abc');
    // Lightning 2.1's last.ckpt is a symlink to the newest checkpoint; a dangling link is left out.
    fs.symlinkSync('epoch=4-step=100.ckpt', path.join(dir, 'checkpoints', 'last.ckpt'));
    fs.symlinkSync('gone.ckpt', path.join(dir, 'checkpoints', 'dangling.ckpt'));
    const s = await readRunOnce(lightningFormat, (await detectIn(lightningFormat, dir))!.runs[0]);
    const byName = new Map(s.checkpoints.map((c) => [path.basename(c.path), c]));
    assert.deepEqual(
      { ...byName.get('epoch=4-step=100.ckpt'), mtimeMs: 0 },
      { path: path.join(dir, 'checkpoints', 'epoch=4-step=100.ckpt'), sizeBytes: 3, mtimeMs: 0, epoch: 4, step: 100 },
    );
    assert.equal(byName.get('last.ckpt')?.label, 'last');
    assert.equal(byName.get('last.ckpt')?.sizeBytes, 3, "the link's target");
    assert.equal(byName.has('dangling.ckpt'), false);
    assert.deepEqual(parseCheckpointName('epoch=3-val_loss=0.450-v1.ckpt'), { epoch: 3, metrics: { val_loss: 0.45 } });
    assert.deepEqual(parseCheckpointName('last-v2.ckpt'), { label: 'last' });
    assert.deepEqual(parseCheckpointName('_ckpt_epoch_7.ckpt'), { epoch: 7 });
    assert.deepEqual(parseCheckpointName('epoch=0-step=9-v1.ckpt'), { epoch: 0, step: 9 });
  });

  it('reads a metrics.csv that is a symlink (discovery follows links, so the reader does too)', async () => {
    const elsewhere = path.join(root, 'elsewhere');
    put(
      elsewhere,
      'metrics.csv',
      csv([
        ['step', 'loss'],
        [0, 1],
        [1, 0.5],
      ]),
    );
    fs.mkdirSync(dir, { recursive: true });
    fs.symlinkSync(path.join(elsewhere, 'metrics.csv'), path.join(dir, 'metrics.csv'));
    const s = await readRunOnce(lightningFormat, (await detectIn(lightningFormat, dir))!.runs[0]);
    assert.deepEqual([...s.series.get('loss')!.values], [1, 0.5]);
  });
});
