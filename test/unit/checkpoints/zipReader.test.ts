import assert from 'node:assert/strict';
import { CheckpointError } from '../../../src/core/checkpoints/errors';
import { bufferAccess } from '../../../src/core/checkpoints/randomAccess';
import type { RandomAccess } from '../../../src/core/checkpoints/randomAccess';
import { entryDataOffset, readZipDirectory, readZipEntry } from '../../../src/core/checkpoints/zipReader';
import { zipBytes } from './zipWriter';
import type { ZipInput } from './zipWriter';

const enc = new TextEncoder();
const dec = new TextDecoder();

const INPUTS: ZipInput[] = [
  { name: 'archive/data.pkl', data: enc.encode('PICKLE') },
  { name: 'archive/data/0', size: 4096 },
  { name: 'archive/byteorder', data: enc.encode('little'), deflate: true },
];

/** Records every read so tests can prove tensor data is never touched. */
function spy(bytes: Uint8Array): { file: RandomAccess; reads: Array<[number, number]> } {
  const inner = bufferAccess(bytes);
  const reads: Array<[number, number]> = [];
  return {
    reads,
    file: { size: inner.size, close: inner.close, read: (o, n) => (reads.push([o, n]), inner.read(o, n)) },
  };
}

async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => err instanceof CheckpointError && err.code === code);
}

describe('checkpoints/zipReader', () => {
  for (const zip64 of [false, true]) {
    it(`lists entries and reads only the ones asked for (zip64=${zip64}, torch-aligned)`, async () => {
      const bytes = zipBytes(INPUTS, { zip64, align: 64 });
      const { file, reads } = spy(bytes);
      const dir = await readZipDirectory(file);
      assert.deepEqual(
        dir.entries.map((e) => [e.name, e.size]),
        [
          ['archive/data.pkl', 6],
          ['archive/data/0', 4096],
          ['archive/byteorder', 6],
        ],
      );
      const pkl = dir.byName.get('archive/data.pkl');
      assert.ok(pkl);
      assert.equal(dec.decode(await readZipEntry(file, pkl, 100)), 'PICKLE');
      const order = dir.byName.get('archive/byteorder');
      assert.ok(order);
      assert.equal(order.method, 8);
      assert.equal(dec.decode(await readZipEntry(file, order, 100)), 'little');
      const data = dir.byName.get('archive/data/0');
      assert.ok(data);
      const off = await entryDataOffset(file, data);
      assert.equal(off % 64, 0, 'torch-style alignment puts data on a 64-byte boundary');
      // No read ever covered the 4 KiB of tensor data beyond its local header.
      for (const [o, n] of reads) {
        assert.ok(o + n <= off || o >= off + 4096, `read [${o}, +${n}] touched tensor data`);
      }
    });
  }

  it('finds the end record behind an archive comment', async () => {
    const dir = await readZipDirectory(
      bufferAccess(zipBytes(INPUTS, { comment: 'PK\x05\x06 looks like a signature' })),
    );
    assert.equal(dir.entries.length, 3);
  });

  it('wrong magic → zip-bad-magic', async () => {
    await rejectsWith(readZipDirectory(bufferAccess(new Uint8Array(100).fill(7))), 'zip-bad-magic');
  });

  it('truncated zips → zip-truncated', async () => {
    const bytes = zipBytes(INPUTS);
    await rejectsWith(readZipDirectory(bufferAccess(bytes.subarray(0, bytes.length - 10))), 'zip-truncated');
    await rejectsWith(readZipDirectory(bufferAccess(bytes.subarray(0, 200))), 'zip-truncated');
    await rejectsWith(readZipDirectory(bufferAccess(bytes.subarray(0, 10))), 'zip-truncated');
  });

  it('a central directory pointing past the end → zip-truncated; a lying entry count → zip-bad-entry', async () => {
    const bytes = Uint8Array.from(zipBytes(INPUTS));
    const eocd = bytes.length - 22;
    const bad = Uint8Array.from(bytes);
    new DataView(bad.buffer).setUint32(eocd + 16, 0x7fffffff, true);
    await rejectsWith(readZipDirectory(bufferAccess(bad)), 'zip-truncated');
    const many = Uint8Array.from(bytes);
    new DataView(many.buffer).setUint16(eocd + 10, 60000, true);
    await rejectsWith(readZipDirectory(bufferAccess(many)), 'zip-bad-entry');
  });

  it('an entry larger than the read cap → zip-bad-entry (no allocation)', async () => {
    const file = bufferAccess(zipBytes(INPUTS));
    const dir = await readZipDirectory(file);
    const data = dir.byName.get('archive/data/0');
    assert.ok(data);
    await rejectsWith(readZipEntry(file, data, 100), 'zip-bad-entry');
  });
});
