// The legacy (pre-1.6, `_use_new_zipfile_serialization=False`) torch.save stream, for tests.
import { PickleWriter, pickleOf } from './pickleWriter';
import type { PlainValue } from './pickleWriter';
import { join } from '../../support/fuzz';

/** 0x1950a86a20f9469cfc6c little-endian, as LONG1 writes it. */
const MAGIC = [0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

export function legacyBytes(
  main: Uint8Array,
  storageKeys: string[],
  opts: { littleEndian?: boolean; magic?: number[] } = {},
): Uint8Array {
  const parts: Uint8Array[] = [
    new PickleWriter()
      .proto(2)
      .long1(opts.magic ?? MAGIC)
      .stop()
      .bytes(),
    new PickleWriter().proto(2).binint2(1001).stop().bytes(),
    pickleOf({
      protocol_version: 1001,
      little_endian: opts.littleEndian ?? true,
      type_sizes: { short: 2, int: 4, long: 4 },
    }),
    main,
    pickleOf(storageKeys as PlainValue),
  ];
  // Raw storages follow: an 8-byte element count then the bytes. The inspector must never need them.
  for (let i = 0; i < storageKeys.length; i++) {
    parts.push(new Uint8Array(8 + 64).fill(0xee));
  }
  return join(...parts);
}

/** A legacy tensor: its persistent id carries the root key, location, size and view metadata (None). */
export function legacyTensor(w: PickleWriter, key: string, shape: number[], storage = 'FloatStorage'): PickleWriter {
  const numel = shape.reduce((a, b) => a * b, 1);
  w.global('torch._utils', '_rebuild_tensor_v2').mark();
  w.mark()
    .binUnicode('storage')
    .global('torch', storage)
    .binUnicode(key)
    .binUnicode('cpu')
    .binint(numel)
    .none()
    .tuple()
    .binpersid();
  w.binint1(0).mark();
  for (const d of shape) {
    w.binint(d);
  }
  w.tuple().mark();
  let s = numel;
  for (const d of shape) {
    w.binint((s /= d));
  }
  return w.tuple().newfalse().global('collections', 'OrderedDict').emptyTuple().reduce().tuple().reduce();
}
