import assert from 'node:assert/strict';
import { CheckpointError } from '../../../src/core/checkpoints/errors';
import { bufferAccess } from '../../../src/core/checkpoints/randomAccess';
import type { RandomAccess } from '../../../src/core/checkpoints/randomAccess';
import { readSafetensorsHeader } from '../../../src/core/checkpoints/safetensors';

/** A safetensors file: header JSON padded with spaces, then `dataBytes` zero bytes. */
export function safetensorsBytes(header: unknown, dataBytes: number, lengthOverride?: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(lengthOverride ?? json.length), true);
  out.set(json, 8);
  return out;
}

async function rejectsWith(bytes: Uint8Array, code: string): Promise<void> {
  await assert.rejects(
    readSafetensorsHeader(bufferAccess(bytes)),
    (err: unknown) => err instanceof CheckpointError && err.code === code,
  );
}

describe('checkpoints/safetensors', () => {
  it('parses dtype, shape, offsets and __metadata__, reading only the header', async () => {
    const header = {
      __metadata__: { format: 'pt', step: '7' },
      'fc.weight': { dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] },
      'fc.bias': { dtype: 'BF16', shape: [2], data_offsets: [24, 28] },
      scalar: { dtype: 'I64', shape: [], data_offsets: [28, 36] },
    };
    const bytes = safetensorsBytes(header, 1_000_000);
    const inner = bufferAccess(bytes);
    let readBytes = 0;
    const file: RandomAccess = {
      size: inner.size,
      close: inner.close,
      read: (o, n) => ((readBytes += n), inner.read(o, n)),
    };
    const h = await readSafetensorsHeader(file);
    assert.deepEqual(h.metadata, { format: 'pt', step: '7' });
    assert.deepEqual(
      h.entries.map((e) => [e.name, e.dtype, e.shape, e.numel]),
      [
        ['fc.weight', 'float32', [2, 3], 6],
        ['fc.bias', 'bfloat16', [2], 2],
        ['scalar', 'int64', [], 1],
      ],
    );
    assert.equal(h.entries[0].begin, 8 + h.headerLength);
    assert.equal(readBytes, 8 + h.headerLength);
  });

  it('header length beyond the file → safetensors-header-too-large', async () => {
    await rejectsWith(safetensorsBytes({}, 0, 2 ** 40), 'safetensors-header-too-large');
    await rejectsWith(safetensorsBytes({}, 0, 3), 'safetensors-header-too-large');
  });

  it('bad JSON → safetensors-bad-json', async () => {
    const bytes = safetensorsBytes({ a: 1 }, 0);
    bytes[9] = 0x7b; // `{{...`
    await rejectsWith(bytes, 'safetensors-bad-json');
    await rejectsWith(safetensorsBytes([1, 2], 0), 'safetensors-bad-json');
  });

  it('offsets out of range → safetensors-offsets-out-of-range; overlap → safetensors-offsets-overlap', async () => {
    await rejectsWith(
      safetensorsBytes({ a: { dtype: 'U8', shape: [100], data_offsets: [0, 100] } }, 50),
      'safetensors-offsets-out-of-range',
    );
    await rejectsWith(
      safetensorsBytes({ a: { dtype: 'U8', shape: [0], data_offsets: [10, 5] } }, 50),
      'safetensors-offsets-out-of-range',
    );
    await rejectsWith(
      safetensorsBytes(
        {
          a: { dtype: 'U8', shape: [10], data_offsets: [0, 10] },
          b: { dtype: 'U8', shape: [10], data_offsets: [5, 15] },
        },
        50,
      ),
      'safetensors-offsets-overlap',
    );
  });

  it('malformed entries and size mismatches → safetensors-bad-entry; short file → truncated', async () => {
    await rejectsWith(safetensorsBytes({ a: 3 }, 0), 'safetensors-bad-entry');
    await rejectsWith(
      safetensorsBytes({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, 4),
      'safetensors-bad-entry',
    );
    await rejectsWith(
      safetensorsBytes({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, 8),
      'safetensors-bad-entry',
    );
    await rejectsWith(new Uint8Array(5), 'truncated');
  });
});
