import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readRunOnce } from '../../../../src/core/runs/readOnce';
import { dvcliveFormat } from '../../../../src/core/sources/dvclive/format';
import { Follow, append, detectIn, put, tempDir } from '../csv/writers';

describe('dvclive', () => {
  let root: string;
  beforeEach(() => {
    root = tempDir();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function modern(dir: string): void {
    put(dir, 'dvclive/metrics.json', '{"train": {"loss": 0.5}, "step": 1}');
    put(dir, 'dvclive/params.yaml', 'lr: 0.001\nmodel:\n  depth: 3\n');
    put(
      dir,
      'dvclive/plots/metrics/train/loss.tsv',
      'timestamp\tstep\tloss\n1644420777053\t0\t0.9\n1644420792335\t1\tnan\n',
    );
    put(dir, 'dvclive/plots/metrics/system/cpu/usage (%).tsv', 'step\tusage (%)\n0\t12.5\n');
    put(dir, 'dvclive/plots/images/sample.png', 'png');
    put(dir, 'dvclive/plots/images/pred/3.jpg', 'jpg');
  }

  it('detects the folder holding dvclive/: run = dvclive dir, project = that folder', async () => {
    const dir = path.join(root, 'exp-a');
    modern(dir);
    const d = (await detectIn(dvcliveFormat, dir))!;
    const live = path.join(dir, 'dvclive');
    assert.deepEqual(d.runs[0], {
      id: `dvclive:${live}`,
      format: 'dvclive',
      dir: live,
      project: 'exp-a',
      name: 'dvclive',
    });
    assert.deepEqual(d.claimedDirs, ['dvclive']);
    const empty = path.join(root, 'other');
    fs.mkdirSync(path.join(empty, 'dvclive'), { recursive: true });
    assert.equal(await detectIn(dvcliveFormat, empty), undefined);
  });

  it('reads TSVs: series = path under plots/metrics, wall time from `timestamp` ms, config, images', async () => {
    const dir = path.join(root, 'exp-a');
    modern(dir);
    const s = await readRunOnce(dvcliveFormat, (await detectIn(dvcliveFormat, dir))!.runs[0]);
    assert.deepEqual([...s.series.keys()].sort(), ['system/cpu/usage (%)', 'train/loss']);
    const loss = s.series.get('train/loss')!;
    assert.deepEqual([...loss.steps], [0, 1]);
    assert.ok(Number.isNaN(loss.values[1]));
    assert.equal(loss.wallTimes[0], 1644420777.053);
    assert.ok(Number.isNaN(s.series.get('system/cpu/usage (%)')!.wallTimes[0]));
    assert.deepEqual(s.config, { lr: 0.001, 'model.depth': 3 });
    const images = s.images.map((i) => [i.tag, i.step, i.mime]).sort();
    assert.deepEqual(images, [
      ['pred', 3, 'image/jpeg'],
      ['sample', undefined, 'image/png'],
    ]);
  });

  it('picks up new TSVs and appended rows, and resets when DVCLive cleans up (a TSV removed)', async () => {
    const dir = path.join(root, 'exp-a');
    modern(dir);
    const f = new Follow(dvcliveFormat, (await detectIn(dvcliveFormat, dir))!.runs[0]);
    await f.settle();
    const acc = put(dir, 'dvclive/plots/metrics/acc.tsv', 'step\tacc\n0\t0.5\n');
    append(path.join(dir, 'dvclive/plots/metrics/train/loss.tsv'), '1644420800000\t2\t0.');
    await f.poll();
    assert.deepEqual(f.values('acc'), [0.5]);
    assert.equal(f.values('train/loss').length, 2);
    append(path.join(dir, 'dvclive/plots/metrics/train/loss.tsv'), '7\n');
    await f.poll();
    assert.equal(f.values('train/loss')[2], 0.7);
    fs.rmSync(acc);
    const d = await f.poll();
    assert.equal(d.reset, true);
    assert.equal(f.state.series.has('acc'), false);
    assert.equal(f.values('train/loss').length, 3);
  });

  it('reads the legacy layout: dvclive.json + dvclive/*.tsv, params.yaml beside dvclive/', async () => {
    const dir = path.join(root, 'legacy');
    put(dir, 'dvclive.json', '{"step": 1, "loss": 0.3}');
    put(dir, 'params.yaml', 'train:\n  epochs: 10\n');
    put(dir, 'dvclive/loss.tsv', 'timestamp\tstep\tloss\r\n1644420777053\t0\t0.31\r\n1644420792333\t1\t0.13\r\n');
    const d = (await detectIn(dvcliveFormat, dir))!;
    assert.deepEqual(d.claimedFiles, ['dvclive.json']);
    const s = await readRunOnce(dvcliveFormat, d.runs[0]);
    assert.deepEqual([...s.series.get('loss')!.values], [0.31, 0.13]);
    assert.equal(s.config['train.epochs'], 10);
  });

  it('names a broken TSV (ragged, header only) and a broken params.yaml but loads the rest', async () => {
    const dir = path.join(root, 'exp-b');
    put(dir, 'dvclive/params.yaml', 'a: [1\n');
    put(dir, 'dvclive/plots/metrics/a.tsv', 'step\ta\n0\t1\t2\n1\t2\n');
    put(dir, 'dvclive/plots/metrics/b.tsv', 'step\tb\n');
    const s = await readRunOnce(dvcliveFormat, (await detectIn(dvcliveFormat, dir))!.runs[0]);
    assert.deepEqual(s.errors.map((e) => e.code).sort(), ['config-parse', 'header-only', 'ragged-row']);
    assert.deepEqual([...s.series.get('a')!.values], [1, 2]);
  });
});
