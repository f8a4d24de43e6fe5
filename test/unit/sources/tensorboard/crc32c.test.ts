import assert from 'node:assert/strict';
import { crc32c, maskedCrc32c, maskedCrc32c8 } from '../../../../src/core/util/crc32c';
import { scanRecords } from '../../../../src/core/sources/tensorboard/records';
import { cleanTempDirs, EVENTS, readDir, tempDir, writeFile } from './helpers';
import { record } from './writer';

const hex = (s: string): Uint8Array =>
  Uint8Array.from(s.replace(/\s+/g, '').match(/../g) ?? [], (h) => parseInt(h, 16));
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('tensorboard CRC-32C and TFRecord framing', () => {
  after(cleanTempDirs);

  it('matches the CRC-32C check value and the spec test vectors', () => {
    assert.equal(crc32c(ascii('123456789')), 0xe3069283);
    assert.equal(maskedCrc32c(ascii('\x1a\x11CRC test, one two')), 0x5794d08a);
    const len24 = hex('18 00 00 00 00 00 00 00');
    assert.equal(maskedCrc32c(len24), 0x224b7fa3);
    assert.equal(maskedCrc32c8(len24, 0), 0x224b7fa3);
  });

  it('the straight-line 8-byte CRC equals the general one', () => {
    const b = new Uint8Array(64);
    for (let i = 0; i < 2000; i++) {
      for (let j = 0; j < b.length; j++) {
        b[j] = (Math.random() * 256) | 0;
      }
      const at = i % 50;
      assert.equal(maskedCrc32c8(b, at), maskedCrc32c(b, at, at + 8));
    }
  });

  it('reads the TF2 tf.summary.scalar record of the spec (accuracy 0.99 at step 77)', async () => {
    const data = hex(
      '09 c4 05 b7 3d 99 d6 d7 41 10 4d 2a 25 0a 23 0a 08' +
        Buffer.from('accuracy').toString('hex') +
        '42 0a 08 01 12 00 22 04 a4 70 7d 3f 4a 0b 0a 09 0a 07' +
        Buffer.from('scalars').toString('hex'),
    );
    const framed = record(data);
    const seen: number[] = [];
    const result = scanRecords(framed, true, (s, e) => (seen.push(e - s), true));
    assert.deepEqual(result.problems, []);
    assert.deepEqual(seen, [data.length]);
    const dir = tempDir();
    writeFile(dir, EVENTS, framed);
    const state = await readDir(dir, { verify: true });
    const s = state.series.get('accuracy')?.stats();
    assert.equal(s?.n, 1);
    assert.deepEqual(s?.first, [77, Math.fround(0.99)]);
    assert.ok(Math.abs((state.startTime ?? 0) - 1599759606.86) < 0.01);
  });
});
