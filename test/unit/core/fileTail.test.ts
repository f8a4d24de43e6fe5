import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileSnapshot, FileTail } from '../../../src/core/util/fileTail';
import { LineBuffer } from '../../../src/core/util/lineBuffer';

describe('FileTail', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-tail-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('returns only appended bytes', async () => {
    const file = path.join(dir, 'a.log');
    fs.writeFileSync(file, 'abc');
    const tail = new FileTail(file);
    assert.equal(Buffer.from((await tail.read()).bytes).toString(), 'abc');
    assert.equal((await tail.read()).bytes.length, 0);
    fs.appendFileSync(file, 'de');
    const chunk = await tail.read();
    assert.equal(Buffer.from(chunk.bytes).toString(), 'de');
    assert.equal(chunk.offset, 3);
    assert.equal(chunk.reset, false);
  });

  it('notices truncation and starts over', async () => {
    const file = path.join(dir, 'a.log');
    fs.writeFileSync(file, 'hello world');
    const tail = new FileTail(file);
    await tail.read();
    fs.writeFileSync(file, 'hi');
    const chunk = await tail.read();
    assert.equal(chunk.reset, true);
    assert.equal(Buffer.from(chunk.bytes).toString(), 'hi');
  });

  it('notices a rewrite that grew the file (first bytes changed)', async () => {
    const file = path.join(dir, 'metrics.csv');
    fs.writeFileSync(file, 'step,loss\n1,0.5\n');
    const tail = new FileTail(file);
    await tail.read();
    const tmp = path.join(dir, 'tmp');
    fs.writeFileSync(tmp, 'step,loss,acc\n1,0.5,\n2,0.4,0.9\n');
    fs.renameSync(tmp, file);
    const chunk = await tail.read();
    assert.equal(chunk.reset, true);
    assert.ok(Buffer.from(chunk.bytes).toString().startsWith('step,loss,acc'));
  });

  it('reads a big file in bounded slices', async () => {
    const file = path.join(dir, 'big');
    fs.writeFileSync(file, Buffer.alloc(1000, 1));
    const tail = new FileTail(file);
    assert.equal((await tail.read(300)).bytes.length, 300);
    assert.equal((await tail.read(300)).offset, 300);
  });

  it('FileSnapshot re-reads only when the file changed', async () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, '{"a":1}');
    const snap = new FileSnapshot(file);
    assert.equal(await snap.read(), '{"a":1}');
    assert.equal(await snap.read(), undefined);
    fs.writeFileSync(file, '{"a":22}');
    assert.equal(await snap.read(), '{"a":22}');
  });
});

describe('LineBuffer', () => {
  it('keeps a partial last line until its newline arrives, across UTF-8 splits', () => {
    const lb = new LineBuffer();
    const bytes = Buffer.from('a,1\nb,🚀\r\nc');
    assert.deepEqual(lb.push(bytes.subarray(0, 9)), ['a,1']);
    assert.deepEqual(lb.push(bytes.subarray(9)), ['b,🚀']);
    assert.equal(lb.pending, 'c');
    assert.deepEqual(lb.push(Buffer.from('\n')), ['c']);
  });
});
