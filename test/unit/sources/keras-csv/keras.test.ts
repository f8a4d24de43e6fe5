import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readRunOnce } from '../../../../src/core/runs/readOnce';
import { kerasCsvFormat } from '../../../../src/core/sources/keras-csv/format';
import { Follow, append, csv, detectIn, put, tempDir } from '../csv/writers';

describe('keras CSVLogger', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('detects any CSV whose first column is `epoch`, one run per file (id from the file path)', async () => {
    put(
      dir,
      'training_log.csv',
      csv([
        ['epoch', 'accuracy', 'loss'],
        [0, 0.5, 1],
      ]),
    );
    put(dir, 'history.csv', 'epoch;loss\n0;1\n');
    put(dir, 'data.csv', 'id,label\n1,cat\n');
    const d = (await detectIn(kerasCsvFormat, dir))!;
    assert.deepEqual(d.claimedFiles, ['history.csv', 'training_log.csv']);
    const file = path.join(dir, 'training_log.csv');
    const run = d.runs.find((r) => r.file === file)!;
    assert.deepEqual(run, {
      id: `keras-csv:${file}`,
      format: 'keras-csv',
      dir,
      file,
      project: path.basename(dir),
      name: 'training_log',
    });
  });

  it('leaves Ultralytics results.csv and Lightning metrics.csv alone whatever the detector order', async () => {
    put(dir, 'args.yaml', 'task: detect\nmode: train\n');
    put(dir, 'results.csv', 'epoch,time,loss\n1,2,3\n');
    assert.equal(await detectIn(kerasCsvFormat, dir), undefined);
    const v = path.join(dir, 'lightning_logs', 'version_0');
    put(v, 'metrics.csv', 'epoch,step,train_loss\n0,9,1\n');
    assert.equal(await detectIn(kerasCsvFormat, v), undefined);
  });

  it('reads epochs as steps, skips NA and quoted lists, keeps nan, with another separator', async () => {
    put(dir, 'log.csv', 'epoch;loss;val_loss;lr\n0;0.5;NA;"[0.1, 0.2]"\n1;nan;0.4;"[0.1, 0.2]"\n');
    const s = await readRunOnce(kerasCsvFormat, (await detectIn(kerasCsvFormat, dir))!.runs[0]);
    assert.deepEqual([...s.series.keys()], ['loss', 'val_loss']);
    assert.deepEqual([...s.series.get('val_loss')!.steps], [1]);
    assert.ok(Number.isNaN(s.series.get('loss')!.values[1]));
    assert.deepEqual(s.errors, []);
  });

  it('follows appended epochs, and a new training in `w` mode (truncated file) resets', async () => {
    const file = put(
      dir,
      'log.csv',
      csv([
        ['epoch', 'loss'],
        [0, 1],
        [1, 0.5],
      ]),
    );
    const f = new Follow(kerasCsvFormat, (await detectIn(kerasCsvFormat, dir))!.runs[0]);
    await f.settle();
    assert.deepEqual(f.values('loss'), [1, 0.5]);
    append(file, '2,0.2');
    await f.poll();
    assert.deepEqual(f.values('loss'), [1, 0.5]);
    append(file, '5\r\n');
    await f.poll();
    assert.deepEqual(f.values('loss'), [1, 0.5, 0.25]);
    fs.writeFileSync(
      file,
      csv([
        ['epoch', 'loss'],
        [0, 9],
      ]),
    );
    const d = await f.poll();
    assert.equal(d.reset, true);
    assert.deepEqual(f.values('loss'), [9]);
  });

  it('names a header-only file (once it is quiet) and ragged rows on the run', async () => {
    const old = put(dir, 'h.csv', 'epoch,loss\n');
    fs.utimesSync(old, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const h = await readRunOnce(kerasCsvFormat, (await detectIn(kerasCsvFormat, dir))!.runs[0]);
    assert.deepEqual(
      h.errors.map((e) => e.code),
      ['header-only'],
    );
    fs.rmSync(path.join(dir, 'h.csv'));
    put(dir, 'r.csv', 'epoch,loss\n0,1\n1,2,3\n2\n');
    const r = await readRunOnce(kerasCsvFormat, (await detectIn(kerasCsvFormat, dir))!.runs[0]);
    assert.deepEqual(
      r.errors.map((e) => e.code),
      ['ragged-row'],
    );
    assert.deepEqual([...r.series.get('loss')!.values], [1, 2]);
  });

  it('reads an unterminated only row of a quiet file in one readRunOnce', async () => {
    const file = put(dir, 'log.csv', 'epoch,loss\n0,0.5');
    fs.utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const s = await readRunOnce(kerasCsvFormat, (await detectIn(kerasCsvFormat, dir))!.runs[0]);
    assert.deepEqual([...s.series.get('loss')!.values], [0.5]);
    assert.deepEqual(s.errors, []);
  });
});
