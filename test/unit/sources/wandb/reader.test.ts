import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { WandbReader } from '../../../../src/core/sources/wandb/reader';
import { codes, detected, logPath, makeRunDir, reader, steps, tmpRoot, values } from './tmpRuns';
import {
  configRecord,
  coreHistory,
  exitRecord,
  filesRecord,
  headerRecord,
  historyRecord,
  LogWriter,
  outputRawRecord,
  runRecord,
  statsRecord,
  summaryRecord,
  wandbLog,
} from './writer';

describe('wandb reader: records', () => {
  let root: string;
  before(() => {
    root = tmpRoot();
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads run, config, history (NaN/±Infinity tokens), summary, stats, media and exit', async () => {
    const dir = makeRunDir(root, 'offline-run-20260101_120000-abc123');
    fs.mkdirSync(path.join(dir, 'files', 'media', 'images'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'files', 'media', 'images', 'samples_1_0123456789abcdef0123.png'), 'png');
    fs.writeFileSync(path.join(dir, 'files', 'output.log'), 'hello\n');
    const bytes = wandbLog([
      headerRecord(),
      runRecord({
        runId: 'abc123',
        project: 'demo',
        displayName: 'my-run',
        startTime: 1700000000.5,
        config: [
          { key: '_wandb', json: '{}' },
          { key: 'optim', json: '{"name":"adam","lr":0.001}' },
          { key: 'wrapped', json: '{"value": 5, "desc": null}' },
          { key: 'layers', json: '[1,2]' },
        ],
      }),
      statsRecord(1700000001, { cpu: 12.5, 'gpu.0.memory': 40 }),
      coreHistory(0, { 'train/loss': 2.5, acc: 0.1 }, 1700000002),
      historyRecord(
        [
          { nested: ['_step'], json: '1' },
          { nested: ['train/loss'], json: 'NaN' },
          { nested: ['grad'], json: 'Infinity' },
          { nested: ['low'], json: '-Infinity' },
          { nested: ['flag'], json: 'true' },
          { nested: ['text'], json: '"hi"' },
          { nested: ['samples', '_type'], json: '"image-file"' },
          { nested: ['samples', 'path'], json: '"media/images/samples_1_0123456789abcdef0123.png"' },
          { nested: ['samples', 'width'], json: '16' },
          { nested: ['samples', 'height'], json: '8' },
          { nested: ['_timestamp'], json: '1.700000003e+09' },
        ],
        1,
      ),
      historyRecord(
        [
          { key: 'legacy', json: '{"a": 1, "b": {"c": 2}}' },
          { key: 'old', json: '3' },
        ],
        2,
      ),
      summaryRecord([
        { nested: ['train/loss'], json: '0.5' },
        { nested: ['_runtime'], json: '3' },
        { nested: ['samples', '_type'], json: '"image-file"' },
      ]),
      configRecord([{ key: 'later', json: '"x"' }]),
      filesRecord(['output.log']),
      outputRawRecord('hello\n'),
      statsRecord(1700000010, { cpu: 50 }),
      exitRecord(0),
    ]);
    fs.writeFileSync(logPath(dir), bytes);
    const delta = await reader(dir).poll();
    assert.deepEqual(codes(delta), []);
    assert.deepEqual(values(delta, 'train/loss'), [2.5, NaN]);
    assert.deepEqual(steps(delta, 'train/loss'), [0, 1]);
    assert.deepEqual([...(delta.points?.get('train/loss')?.wallTimes ?? [])], [1700000002, 1700000003]);
    assert.deepEqual(values(delta, 'grad'), [Infinity]);
    assert.deepEqual(values(delta, 'low'), [-Infinity]);
    assert.deepEqual(values(delta, 'legacy/a'), [1]);
    assert.deepEqual(values(delta, 'legacy/b/c'), [2]);
    assert.deepEqual(steps(delta, 'old'), [2]);
    for (const skipped of ['flag', 'text', 'samples/width', 'samples/path', '_step', '_timestamp']) {
      assert.equal(delta.points?.has(skipped), false, skipped);
    }
    assert.deepEqual(values(delta, 'system/cpu'), [12.5, 50]);
    assert.deepEqual(steps(delta, 'system/cpu'), [0, 1]);
    assert.deepEqual(values(delta, 'system/gpu.0.memory'), [40]);
    assert.equal(delta.points?.get('system/cpu')?.wallTimes[1], 1700000010);
    assert.deepEqual(delta.config, {
      'optim.name': 'adam',
      'optim.lr': 0.001,
      wrapped: 5,
      layers: '[1,2]',
      'summary.train/loss': 0.5,
      later: 'x',
    });
    assert.deepEqual(delta.meta, {
      name: 'my-run',
      project: 'demo',
      startTime: 1700000000.5,
      status: 'finished',
      endTime: 1700000010,
    });
    const images = delta.artifacts?.images ?? [];
    assert.equal(images.length, 1);
    assert.deepEqual(images[0], {
      tag: 'samples',
      step: 1,
      mime: 'image/png',
      wallTime: 1700000003,
      width: 16,
      height: 8,
      source: { kind: 'file', path: path.join(dir, 'files', 'media', 'images', 'samples_1_0123456789abcdef0123.png') },
    });
    assert.deepEqual(delta.artifacts?.files, [{ path: path.join(dir, 'files', 'output.log'), role: 'log' }]);
    assert.deepEqual(delta.files, [logPath(dir)]);
  });

  it('says failed on a non-zero exit code, with an end time from the runtime', async () => {
    const dir = makeRunDir(root, 'run-20260101_120000-crash1');
    fs.writeFileSync(
      logPath(dir),
      wandbLog([runRecord({ startTime: 100 }), coreHistory(0, { x: 1 }), exitRecord(1, 42)]),
    );
    const delta = await reader(dir).poll();
    assert.equal(delta.meta?.status, 'failed');
    assert.equal(delta.meta?.endTime, 142);
    assert.equal(delta.meta?.name, undefined); // no display name or id in the record: the detector's name stays
  });

  it('leaves the status unset while there is no exit record', async () => {
    const dir = makeRunDir(root, 'run-20260101_120000-live01');
    fs.writeFileSync(logPath(dir), wandbLog([runRecord({ displayName: 'live' }), coreHistory(0, { x: 1 })]));
    const r = reader(dir);
    const delta = await r.poll();
    assert.equal(delta.meta?.status, undefined);
    assert.deepEqual(values(delta, 'x'), [1]);
    assert.deepEqual(await r.poll(), {});
  });

  it('uses a running step counter when history records carry no step', async () => {
    const dir = makeRunDir(root, 'run-20260101_120000-nostep');
    fs.writeFileSync(
      logPath(dir),
      wandbLog([
        historyRecord([{ key: 'x', json: '1' }]),
        historyRecord([{ key: 'x', json: '2' }]),
        historyRecord([
          { key: '_step', json: '10' },
          { key: 'x', json: '3' },
        ]),
      ]),
    );
    const delta = await reader(dir).poll();
    assert.deepEqual(steps(delta, 'x'), [0, 1, 10]);
  });
});

/** A reader that treats a cut-off record as still being written (as while a run is live). */
function liveReader(dir: string): WandbReader {
  return new WandbReader(detected(dir), { quietMs: 3_600_000 });
}

describe('wandb reader: growth', () => {
  let root: string;
  before(() => {
    root = tmpRoot();
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('keeps half a chunk and reads the record once the rest arrives', async () => {
    const dir = makeRunDir(root, 'run-20260101_120000-grow01');
    const bytes = wandbLog([coreHistory(0, { x: 1 }), coreHistory(1, { x: 2 })]);
    const w = new LogWriter().append(coreHistory(0, { x: 1 }));
    const cut = w.length + 10; // inside the second record's chunk
    fs.writeFileSync(logPath(dir), bytes.subarray(0, cut));
    const r = liveReader(dir);
    const first = await r.poll();
    assert.deepEqual(values(first, 'x'), [1]);
    assert.deepEqual(codes(first), []);
    fs.appendFileSync(logPath(dir), bytes.subarray(cut));
    const second = await r.poll();
    assert.deepEqual(values(second, 'x'), [2]);
    assert.equal(second.reset, undefined);
    assert.deepEqual(codes(second), []);
  });

  it('reads a record spanning a block boundary written in three pieces', async () => {
    const dir = makeRunDir(root, 'run-20260101_120000-grow02');
    const big = coreHistory(5, { x: 7, pad: 'NaN', s: '"' + 'y'.repeat(50_000) + '"' });
    const bytes = wandbLog([coreHistory(0, { x: 1 }), big, coreHistory(6, { x: 8 })]);
    const cuts = [20_000, 40_000, bytes.length];
    const r = liveReader(dir);
    const got: number[] = [];
    let prev = 0;
    fs.writeFileSync(logPath(dir), new Uint8Array(0));
    for (const cut of cuts) {
      fs.appendFileSync(logPath(dir), bytes.subarray(prev, cut));
      prev = cut;
      const d = await r.poll();
      assert.equal(d.reset, undefined);
      assert.deepEqual(codes(d), []);
      got.push(...values(d, 'x'));
    }
    assert.deepEqual(got, [1, 7, 8]);
  });

  it('starts over with reset when the file is rewritten', async () => {
    const dir = makeRunDir(root, 'run-20260101_120000-rewr01');
    fs.writeFileSync(logPath(dir), wandbLog([coreHistory(0, { x: 1 }), coreHistory(1, { x: 2 })]));
    const r = reader(dir);
    assert.deepEqual(values(await r.poll(), 'x'), [1, 2]);
    fs.writeFileSync(logPath(dir), wandbLog([coreHistory(0, { x: 9 })]));
    const d = await r.poll();
    assert.equal(d.reset, true);
    assert.deepEqual(values(d, 'x'), [9]);
  });
});
