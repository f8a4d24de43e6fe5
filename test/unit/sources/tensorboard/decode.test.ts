import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  DT_BFLOAT16,
  DT_DOUBLE,
  DT_FLOAT,
  DT_HALF,
  DT_INT32,
  DT_INT64,
  DT_STRING,
} from '../../../../src/core/sources/tensorboard/tensor';
import { cleanTempDirs, EVENTS, readDir, tempDir, writeFile } from './helpers';
import {
  event,
  eventFile,
  fakePng,
  hparamsValue,
  le,
  legacyImageValue,
  metadata,
  type Pb,
  scalarEvents,
  simpleValue,
  tensor,
  tensorValue,
} from './writer';

const scalars = (): Pb => metadata('scalars');

describe('tensorboard event decoding', () => {
  after(cleanTempDirs);

  it('reads simple_value scalars with steps, wall times, NaN and ±Inf kept', async () => {
    const dir = tempDir();
    writeFile(dir, EVENTS, eventFile(scalarEvents('train/loss', [1.5, NaN, Infinity, -Infinity, 0.25], 10)));
    const state = await readDir(dir);
    const s = state.series.get('train/loss');
    assert.ok(s);
    assert.deepEqual([...s.steps], [10, 11, 12, 13, 14]);
    assert.ok(Number.isNaN(s.values[1]));
    assert.deepEqual([s.values[0], s.values[2], s.values[3], s.values[4]], [1.5, Infinity, -Infinity, 0.25]);
    assert.deepEqual([...s.wallTimes], [1700000000, 1700000001, 1700000002, 1700000003, 1700000004]);
    assert.equal(state.startTime, 1700000000);
    assert.deepEqual(state.errors, []);
  });

  it('reads rank-0 tensors of every numeric dtype, metadata only on the first value', async () => {
    const dir = tempDir();
    const cases: Array<[string, Pb, number]> = [
      ['f_content', tensor(DT_FLOAT).raw(4, le('f32', 0.5)), 0.5],
      ['f_val', tensor(DT_FLOAT).raw(5, le('f32', 2.25)), 2.25],
      ['d_val', tensor(DT_DOUBLE).raw(6, le('f64', 0.1)), 0.1],
      ['d_content', tensor(DT_DOUBLE).raw(4, le('f64', -1e300)), -1e300],
      ['half', tensor(DT_HALF).uint(13, 0x3c00), 1],
      ['half_content', tensor(DT_HALF).raw(4, le('u16', 0xc000)), -2],
      ['bf16', tensor(DT_BFLOAT16).uint(13, 0x3fc0), 1.5],
      ['i32', tensor(DT_INT32).uint(7, -7), -7],
      ['i64', tensor(DT_INT64).raw(4, le('i64', -5n)), -5],
    ];
    const events: Uint8Array[] = [];
    for (let step = 0; step < 3; step++) {
      const values = cases.map(([tag, t]) => tensorValue(tag, t, step === 0 ? scalars() : undefined));
      events.push(event({ wallTime: 1700000000 + step, step, values }));
    }
    writeFile(dir, EVENTS, eventFile(events));
    const state = await readDir(dir);
    for (const [tag, , expected] of cases) {
      const s = state.series.get(tag)?.stats();
      assert.equal(s?.n, 3, tag);
      assert.equal(s?.last?.[1], expected, tag);
      assert.equal(s?.last?.[0], 2, tag);
    }
  });

  it('ignores tensors that are not scalars: other plugins, rank 1, strings', async () => {
    const dir = tempDir();
    const values = [
      tensorValue('hist', tensor(DT_DOUBLE).raw(6, le('f64', 1)), metadata('histograms')),
      tensorValue('vec', tensor(DT_FLOAT, [2]).raw(4, new Uint8Array(8)), scalars()),
      tensorValue('nometa', tensor(DT_FLOAT).raw(4, le('f32', 1))),
      tensorValue('str', tensor(DT_STRING).string(8, 'x'), scalars()),
    ];
    writeFile(dir, EVENTS, eventFile([event({ wallTime: 1, step: 1, values })]));
    const state = await readDir(dir);
    assert.deepEqual([...state.series.keys()], []);
  });

  it('handles negative and large steps (int64)', async () => {
    const dir = tempDir();
    const steps = [-360n, 0n, 2n ** 40n, 9007199254740991n];
    writeFile(dir, EVENTS, eventFile(steps.map((step) => event({ wallTime: 1, step, values: [simpleValue('x', 1)] }))));
    const s = (await readDir(dir)).series.get('x');
    assert.deepEqual([...(s?.steps ?? [])], steps.map(Number));
  });

  it('points images at their bytes inside the event file (legacy image and images plugin)', async () => {
    const dir = tempDir();
    const png = fakePng(64);
    const tf2 = tensor(DT_STRING, [3]).string(8, '28').string(8, '14').raw(8, png);
    const events = [
      event({ wallTime: 5, step: 3, values: [legacyImageValue('samples', png, 12, 10)] }),
      event({ wallTime: 6, step: 4, values: [tensorValue('tf2/img', tf2, metadata('images'))] }),
    ];
    const file = writeFile(dir, EVENTS, eventFile(events));
    const state = await readDir(dir);
    const bytes = fs.readFileSync(file);
    assert.equal(state.images.length, 2);
    const [legacy, modern] = state.images;
    assert.deepEqual(
      { tag: legacy.tag, step: legacy.step, width: legacy.width, height: legacy.height, mime: legacy.mime },
      {
        tag: 'samples',
        step: 3,
        width: 12,
        height: 10,
        mime: 'image/png',
      },
    );
    assert.deepEqual(
      { tag: modern.tag, step: modern.step, width: modern.width, height: modern.height },
      { tag: 'tf2/img', step: 4, width: 28, height: 14 },
    );
    for (const image of state.images) {
      assert.equal(image.source.kind, 'embedded');
      if (image.source.kind !== 'embedded') {
        continue;
      }
      assert.equal(image.source.file, file);
      assert.deepEqual(
        bytes.subarray(image.source.offset, image.source.offset + image.source.length),
        Buffer.from(png),
      );
    }
  });

  it('turns hparams summaries, text, hparams.yaml and checkpoints into config and artifacts', async () => {
    const dir = tempDir('version_0');
    const text = tensorValue('notes/text_summary', tensor(DT_STRING).string(8, 'hello'), metadata('text'));
    const events = [
      event({ wallTime: 1, values: [hparamsValue({ lr: 0.1, optimizer: 'sgd', nesterov: true })] }),
      event({ wallTime: 2, step: 1, values: [text, simpleValue('hp_metric', -1)] }),
    ];
    writeFile(dir, EVENTS, eventFile(events));
    writeFile(dir, 'hparams.yaml', 'model:\n  layers: 3\nseed: !!python/tuple [1, 2]\n');
    writeFile(dir, 'checkpoints/epoch=4-step=100.ckpt', 'x');
    writeFile(dir, 'checkpoints/last.ckpt', 'xy');
    const state = await readDir(dir);
    assert.equal(state.config.lr, 0.1);
    assert.equal(state.config.optimizer, 'sgd');
    assert.equal(state.config.nesterov, true);
    assert.equal(state.config['text/notes/text_summary'], 'hello');
    assert.equal(state.config['model.layers'], 3);
    const byName = new Map(state.checkpoints.map((c) => [path.basename(c.path), c]));
    assert.equal(byName.get('epoch=4-step=100.ckpt')?.epoch, 4);
    assert.equal(byName.get('epoch=4-step=100.ckpt')?.step, 100);
    assert.equal(byName.get('last.ckpt')?.label, 'last');
    assert.equal(byName.get('last.ckpt')?.sizeBytes, 2);
    assert.ok(state.files.has(path.join(dir, 'hparams.yaml')));
  });

  it('reads several event files of one dir in lexicographic order, keeping every point', async () => {
    const dir = tempDir();
    writeFile(dir, 'events.out.tfevents.1700000002.host.1.0', eventFile(scalarEvents('loss', [3, 4], 5)));
    writeFile(dir, 'events.out.tfevents.1700000001.host.1.0', eventFile(scalarEvents('loss', [1, 2, 9], 0)));
    writeFile(dir, 'events.out.tfevents.1700000003.host.1.0.profile-empty', eventFile([]));
    const s = (await readDir(dir)).series.get('loss');
    assert.deepEqual([...(s?.steps ?? [])], [0, 1, 2, 5, 6]);
    assert.deepEqual([...(s?.values ?? [])], [1, 2, 9, 3, 4]);
  });
});
