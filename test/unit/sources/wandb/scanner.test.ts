import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { LogScanner, type ScanError } from '../../../../src/core/sources/wandb/logScanner';
import { crc32, crc32Byte, crc32js } from '../../../../src/core/util/crc32';
import { BLOCK, HEADER, LogWriter } from './writer';

function payload(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = (i * 31 + seed) & 0xff;
  }
  return out;
}

function scanAll(
  bytes: Uint8Array,
  sliceSize = bytes.length,
): { records: Uint8Array[]; offsets: number[]; errors: ScanError[]; scanner: LogScanner } {
  const scanner = new LogScanner();
  const records: Uint8Array[] = [];
  const offsets: number[] = [];
  const errors: ScanError[] = [];
  for (let at = 0; at < bytes.length || at === 0; at += sliceSize) {
    scanner.feed(bytes.subarray(at, Math.min(bytes.length, at + sliceSize)), {
      record: (b, start, end, off) => {
        records.push(Uint8Array.from(b.subarray(start, end)));
        offsets.push(off);
      },
      error: (e) => errors.push(e),
    });
    if (bytes.length === 0) {
      break;
    }
  }
  return { records, offsets, errors, scanner };
}

describe('wandb CRC-32 (IEEE)', () => {
  it('matches the standard check value and zlib', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(new Uint8Array(0)), 0);
    const data = payload(1000, 7);
    const z = zlib as unknown as { crc32?: (d: Uint8Array, s?: number) => number };
    if (typeof z.crc32 === 'function') {
      assert.equal(crc32(data), z.crc32(data));
      assert.equal(crc32(data, crc32Byte(3)), z.crc32(data, z.crc32(Uint8Array.of(3))));
    }
    // The JS loop and the native path (long ranges) agree, with and without a seed.
    const long = payload(5000, 9);
    assert.equal(crc32(long), crc32js(long));
    assert.equal(crc32(long, 77, 3, 4000), crc32js(long, 77, 3, 4000));
    // Continuing from a seed equals the CRC of the concatenation.
    assert.equal(crc32(data, crc32(data.subarray(0, 10)), 10), crc32(data));
  });
});

describe('wandb log scanner', () => {
  it('reads FULL records after the header', () => {
    const recs = [payload(10, 1), payload(0, 2), payload(300, 3)];
    const { records, offsets, errors, scanner } = scanAll(new LogWriter().appendAll(recs).bytes());
    assert.deepEqual(records, recs);
    assert.equal(offsets[0], 7);
    assert.deepEqual(errors, []);
    assert.equal(scanner.hasPartial, false);
  });

  it('joins FIRST/MIDDLE/LAST records that span block boundaries, and skips block padding', () => {
    const w = new LogWriter();
    const recs = [payload(BLOCK - 7 - 7 - 3, 1), payload(100, 2), payload(3 * BLOCK, 3), payload(50, 4)];
    w.appendAll(recs);
    const bytes = w.bytes();
    // The first record leaves 3 bytes in block 0: padding, so record 2 starts at block 1.
    assert.equal(w.offsets[1], BLOCK);
    const { records, errors } = scanAll(bytes);
    assert.deepEqual(errors, []);
    assert.deepEqual(records, recs);
  });

  it('gives the same records when fed in small slices (partial header, chunk and record kept)', () => {
    const recs = [payload(5, 1), payload(BLOCK + 10, 2), payload(70000, 3), payload(9, 4)];
    const bytes = new LogWriter().appendAll(recs).bytes();
    for (const size of [1, 3, 7, 100, 4093, BLOCK]) {
      const { records, errors, scanner } = scanAll(bytes, size);
      assert.deepEqual(errors, [], `slice ${size}`);
      assert.deepEqual(records, recs, `slice ${size}`);
      assert.equal(scanner.hasPartial, false);
    }
  });

  it('holds half a chunk until the rest arrives', () => {
    const bytes = new LogWriter().append(payload(40, 1)).bytes();
    const scanner = new LogScanner();
    const got: Uint8Array[] = [];
    const sink = {
      record: (b: Buffer, start: number, end: number) => got.push(Uint8Array.from(b.subarray(start, end))),
      error: () => assert.fail('no error expected'),
    };
    scanner.feed(bytes.subarray(0, 7 + 7 + 20), sink);
    assert.equal(got.length, 0);
    assert.equal(scanner.hasPartial, true);
    scanner.feed(bytes.subarray(34), sink);
    assert.deepEqual(got, [payload(40, 1)]);
    assert.equal(scanner.hasPartial, false);
  });

  it('reports a CRC mismatch and goes on at the next block', () => {
    const w = new LogWriter();
    w.append(payload(20, 1));
    w.chunk(1, payload(20, 2), 12345); // bad checksum
    w.append(payload(20, 3)); // same block: skipped with the bad chunk
    w.padBlock();
    w.append(payload(20, 4));
    const { records, errors } = scanAll(w.bytes());
    assert.deepEqual(records, [payload(20, 1), payload(20, 4)]);
    assert.deepEqual(
      errors.map((e) => e.code),
      ['crc-mismatch'],
    );
  });

  it('reports a chunk length beyond its block', () => {
    const w = new LogWriter();
    const h = new Uint8Array(7);
    new DataView(h.buffer).setUint16(4, 40000, true);
    h[6] = 1;
    const bytes = Buffer.concat([
      w.bytes(),
      h,
      new Uint8Array(BLOCK - 14),
      new LogWriter().append(payload(5, 9)).bytes().subarray(7),
    ]);
    const { records, errors } = scanAll(bytes);
    assert.deepEqual(
      errors.map((e) => e.code),
      ['chunk-too-long'],
    );
    assert.deepEqual(records, [payload(5, 9)]);
  });

  it('reports unknown chunk types, orphan MIDDLE/LAST chunks and a FIRST without LAST', () => {
    const w = new LogWriter();
    w.chunk(3, payload(4, 1)); // MIDDLE without FIRST
    w.chunk(2, payload(4, 2)); // FIRST …
    w.chunk(1, payload(4, 3)); // … interrupted by a FULL
    w.chunk(9, payload(4, 4)); // unknown type: rest of block skipped
    w.padBlock();
    w.append(payload(4, 5));
    const { records, errors } = scanAll(w.bytes());
    assert.deepEqual(
      errors.map((e) => e.code),
      ['orphan-chunk', 'incomplete-record', 'bad-chunk-type'],
    );
    assert.deepEqual(records, [payload(4, 3), payload(4, 5)]);
  });

  it('skips a zeroed rest of block', () => {
    const w = new LogWriter().append(payload(8, 1));
    const bytes = Buffer.concat([w.bytes(), new Uint8Array(100)]);
    const { records, errors, scanner } = scanAll(bytes);
    assert.deepEqual(records, [payload(8, 1)]);
    assert.deepEqual(errors, []);
    assert.equal(scanner.hasPartial, false);
  });

  it('rejects a wrong magic or version and reads nothing', () => {
    const good = new LogWriter().append(payload(8, 1)).bytes();
    const badMagic = Buffer.from(good);
    badMagic[1] = 0x58;
    assert.deepEqual(
      scanAll(badMagic).errors.map((e) => e.code),
      ['bad-magic'],
    );
    assert.equal(scanAll(badMagic).records.length, 0);
    const badVersion = Buffer.from(good);
    badVersion[6] = 1;
    assert.deepEqual(
      scanAll(badVersion).errors.map((e) => e.code),
      ['unsupported-version'],
    );
    assert.deepEqual(HEADER.length, 7);
  });
});
