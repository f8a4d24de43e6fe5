import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseValueJson } from '../../../../src/core/sources/wandb/valueJson';
import { codes, makeRunDir, reader, steps, tmpRoot, values } from './tmpRuns';

describe('wandb value_json', () => {
  it('parses numbers, NaN/±Infinity tokens (also nested), JSON, and rejects non-JSON', () => {
    const v = (t: string): unknown => {
      const r = parseValueJson(t);
      return r.ok ? r.value : 'ERR';
    };
    assert.equal(v('1.5'), 1.5);
    assert.equal(v('-2e-3'), -0.002);
    assert.equal(v('1.795423188094306e+09'), 1795423188.094306);
    assert.ok(Number.isNaN(v('NaN')));
    assert.equal(v('Infinity'), Infinity);
    assert.equal(v('-Infinity'), -Infinity);
    assert.deepEqual(v('{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN Infinity"}'), {
      a: NaN,
      b: [Infinity, -Infinity],
      c: 'NaN Infinity',
    });
    assert.equal(v('"text"'), 'text');
    assert.equal(v('true'), true);
    for (const bad of ['', '{oops', '0x10', '1.2.3', 'nan', '-', 'NaNx']) {
      assert.equal(v(bad), 'ERR', bad);
    }
  });
});

describe('wandb reader: plain files (no .wandb)', () => {
  let root: string;
  before(() => {
    root = tmpRoot();
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads the 2019 layout: history and events JSONL, config.yaml, summary, metadata, media', async () => {
    const dir = makeRunDir(root, 'run-20190614_121952-old00001');
    fs.writeFileSync(
      path.join(dir, 'wandb-history.jsonl'),
      '{"examples": {"_type": "images", "count": 2}, "loss": 1.5, "acc": 0.5, "_runtime": 1, "_timestamp": 1560519540.5, "_step": 0}\n' +
        '{"loss": NaN, "_timestamp": 1560519541.5, "_step": 1}\nnot json\n{"loss": 0.5, "_step": 2}\n{"loss": 9',
    );
    fs.writeFileSync(
      path.join(dir, 'wandb-events.jsonl'),
      '{"system.cpu": 98.5, "system.gpu.0.gpu": 3, "_wandb": true, "_timestamp": 1560519556, "_runtime": 29}\n',
    );
    fs.writeFileSync(
      path.join(dir, 'config.yaml'),
      'wandb_version: 1\n\nepochs:\n  desc: null\n  value: 10\n_wandb:\n  value:\n    cli_version: 0.8\n',
    );
    fs.writeFileSync(path.join(dir, 'wandb-summary.json'), '{"loss": 0.5, "graph": {"_type": "graph"}, "_runtime": 3}');
    fs.writeFileSync(
      path.join(dir, 'wandb-metadata.json'),
      '{"startedAt": "2019-06-14T12:19:52.5", "state": "finished"}',
    );
    fs.writeFileSync(path.join(dir, 'output.log'), 'epoch 1\n');
    fs.mkdirSync(path.join(dir, 'media', 'images'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'media', 'images', 'examples_1.jpg'), 'jpg');
    const r = reader(dir);
    const d = await r.poll();
    assert.deepEqual(codes(d), ['bad-json-line']);
    assert.deepEqual(values(d, 'loss'), [1.5, NaN, 0.5]);
    assert.deepEqual(steps(d, 'loss'), [0, 1, 2]);
    assert.equal(d.points?.get('loss')?.wallTimes[0], 1560519540.5);
    assert.deepEqual(values(d, 'system/cpu'), [98.5]);
    assert.deepEqual(values(d, 'system/gpu.0.gpu'), [3]);
    assert.equal(d.points?.has('examples/count'), false);
    assert.deepEqual(d.config, { epochs: 10, 'summary.loss': 0.5 });
    assert.equal(d.meta?.status, 'finished');
    assert.equal(d.meta?.startTime, Date.UTC(2019, 5, 14, 12, 19, 52, 500) / 1000);
    assert.deepEqual(d.artifacts?.files, [{ path: path.join(dir, 'output.log'), role: 'log' }]);
    assert.deepEqual(d.artifacts?.images, [
      {
        tag: 'examples',
        step: 1,
        mime: 'image/jpeg',
        source: { kind: 'file', path: path.join(dir, 'media', 'images', 'examples_1.jpg') },
      },
    ]);
    // The partial last line is kept until its newline arrives.
    fs.appendFileSync(path.join(dir, 'wandb-history.jsonl'), ', "_step": 3}\n');
    const d2 = await r.poll();
    assert.deepEqual(values(d2, 'loss'), [9]);
    assert.deepEqual(steps(d2, 'loss'), [3]);
  });

  it('reads files/ of an online run without a .wandb log', async () => {
    const dir = makeRunDir(root, 'run-20260101_120000-online01');
    fs.mkdirSync(path.join(dir, 'files'));
    fs.writeFileSync(
      path.join(dir, 'files', 'config.yaml'),
      '_wandb:\n  value:\n    cli_version: 0.25.1\nlr:\n  value: 0.1\nmodel:\n  value:\n    depth: 3\n',
    );
    fs.writeFileSync(path.join(dir, 'files', 'wandb-summary.json'), '{"acc": 0.9, "_wandb": {"runtime": 3}}');
    fs.writeFileSync(path.join(dir, 'files', 'wandb-metadata.json'), '{"startedAt": "2026-03-29T12:35:32.021613Z"}');
    const d = await reader(dir).poll();
    assert.deepEqual(codes(d), []);
    assert.deepEqual(d.config, { lr: 0.1, 'model.depth': 3, 'summary.acc': 0.9 });
    assert.equal(d.meta?.status, undefined);
  });

  it('names broken plain files and still reads the others', async () => {
    const dir = makeRunDir(root, 'run-20260101_120000-broken01');
    fs.mkdirSync(path.join(dir, 'files'));
    fs.writeFileSync(path.join(dir, 'files', 'config.yaml'), 'a: [1, 2\n');
    fs.writeFileSync(path.join(dir, 'files', 'wandb-summary.json'), '{"acc": ');
    fs.writeFileSync(path.join(dir, 'files', 'wandb-metadata.json'), '{"state": "failed"}');
    const d = await reader(dir).poll();
    assert.deepEqual(codes(d), ['bad-file', 'bad-file']);
    assert.equal(d.meta?.status, 'failed');
  });
});
