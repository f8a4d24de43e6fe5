import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { codes, logPath, makeRunDir, reader, tmpRoot, values } from './tmpRuns';
import { coreHistory, historyRecord, LogWriter, wandbLog } from './writer';

describe('wandb reader: malformed input', () => {
  let root: string;
  before(() => {
    root = tmpRoot();
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  async function read(
    name: string,
    bytes: Uint8Array,
  ): Promise<Awaited<ReturnType<ReturnType<typeof reader>['poll']>>> {
    const dir = makeRunDir(root, `run-20260101_120000-${name}`);
    fs.writeFileSync(logPath(dir), bytes);
    return reader(dir).poll();
  }

  it('wrong magic → bad-magic, nothing else', async () => {
    const bytes = wandbLog([coreHistory(0, { x: 1 })]);
    bytes[0] = 0x00;
    const d = await read('magic1', bytes);
    assert.deepEqual(codes(d), ['bad-magic']);
    assert.equal(d.errors?.[0].file?.endsWith('run-magic1.wandb'), true);
    assert.equal(d.points, undefined);
  });

  it('CRC mismatch → crc-mismatch, the next block still loads', async () => {
    const w = new LogWriter().append(coreHistory(0, { x: 1 }));
    const bad = coreHistory(1, { x: 2 });
    w.chunk(1, bad, 1);
    w.padBlock().append(coreHistory(2, { x: 3 }));
    const d = await read('crc001', w.bytes());
    assert.deepEqual(codes(d), ['crc-mismatch']);
    assert.deepEqual(values(d, 'x'), [1, 3]);
  });

  it('chunk length beyond the block → chunk-too-long', async () => {
    const bytes = Buffer.from(wandbLog([coreHistory(0, { x: 1 }), coreHistory(1, { x: 2 })]));
    const w = new LogWriter().append(coreHistory(0, { x: 1 }));
    bytes.writeUInt16LE(40_000, w.length + 4);
    const d = await read('long01', bytes);
    assert.deepEqual(codes(d), ['chunk-too-long']);
    assert.deepEqual(values(d, 'x'), [1]);
  });

  it('truncated file → truncated-record once quiet, earlier records loaded', async () => {
    const bytes = wandbLog([coreHistory(0, { x: 1 }), coreHistory(1, { x: 2 })]);
    const d = await read('trunc1', bytes.subarray(0, bytes.length - 5));
    assert.deepEqual(codes(d), ['truncated-record']);
    assert.deepEqual(values(d, 'x'), [1]);
  });

  it('garbage protobuf → bad-protobuf, the rest loads', async () => {
    const garbage = Uint8Array.from([0x12, 0xff, 0xff, 0x03, 0x01]); // field 2, length past the end
    const d = await read(
      'proto1',
      wandbLog([coreHistory(0, { x: 1 }), garbage, Uint8Array.of(0x07), coreHistory(1, { x: 2 })]),
    );
    assert.deepEqual(codes(d), ['bad-protobuf', 'bad-protobuf']);
    assert.deepEqual(values(d, 'x'), [1, 2]);
  });

  it('value_json that is not JSON → bad-value-json, other items of the row kept', async () => {
    const d = await read(
      'json01',
      wandbLog([
        historyRecord(
          [
            { nested: ['x'], json: '{oops' },
            { nested: ['y'], json: '4' },
          ],
          0,
        ),
      ]),
    );
    assert.deepEqual(codes(d), ['bad-value-json']);
    assert.deepEqual(values(d, 'y'), [4]);
  });

  it('an empty or header-only file is not an error until it is quiet and cut', async () => {
    const d = await read('empty1', new Uint8Array(0));
    assert.deepEqual(codes(d), []);
    const h = await read('head01', wandbLog([]));
    assert.deepEqual(codes(h), []);
    const cut = await read('head02', wandbLog([]).subarray(0, 4));
    assert.deepEqual(codes(cut), ['truncated-record']);
  });

  it('never throws when the run folder is gone', async () => {
    const r = reader(path.join(root, 'wandb', 'run-20260101_120000-gone01'));
    const d = await r.poll();
    assert.deepEqual(codes(d), []);
  });
});
