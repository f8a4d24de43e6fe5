// Checkpoint inspector benchmark: a 5 GB torch zip (ZIP64, 10,000 tensors) and a 5 GB safetensors file, both
// written sparsely in os.tmpdir() (headers only; tensor bytes are holes), then inspectCheckpoint timed (median of 5).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspectCheckpoint } from '../src/core/checkpoints/inspect';
import { PickleWriter } from '../test/unit/checkpoints/pickleWriter';
import { torchZipInputs, zipLayout } from '../test/unit/checkpoints/zipWriter';
import type { BenchRow } from './types';
import { median } from './stats';

const RUNS = 5;
const TENSORS = 10_000;
const TOTAL_BYTES = 5 * 1024 ** 3;
/** float32 elements per tensor so that all of them add up to TOTAL_BYTES. */
const ELEMS = Math.floor(TOTAL_BYTES / TENSORS / 4 / 64) * 64;

function writeSparse(file: string, size: number, chunks: Array<{ offset: number; bytes: Uint8Array }>): void {
  const fd = fs.openSync(file, 'w');
  try {
    for (const c of chunks) {
      fs.writeSync(fd, c.bytes, 0, c.bytes.length, c.offset);
    }
    fs.ftruncateSync(fd, size);
  } finally {
    fs.closeSync(fd);
  }
}

/** A state dict pickled the way torch.save does it: globals and repeated strings memoized (BINPUT / BINGET). */
function torchZipFile(file: string): number {
  const w = new PickleWriter().proto(2).global('collections', 'OrderedDict').binput(0).emptyTuple().reduce().mark();
  const storages: Record<string, number> = {};
  for (let i = 0; i < TENSORS; i++) {
    w.binUnicode(`model.layers.${i >> 2}.mlp.proj${i & 3}.weight`);
    if (i === 0) {
      w.global('torch._utils', '_rebuild_tensor_v2').binput(1).mark().mark().binUnicode('storage').binput(2);
    } else {
      w.binget(1).mark().mark().binget(2);
    }
    if (i === 0) {
      w.global('torch', 'FloatStorage').binput(3).binUnicode(String(i)).binUnicode('cpu').binput(4);
    } else {
      w.binget(3).binUnicode(String(i)).binget(4);
    }
    w.value(ELEMS)
      .tuple()
      .binpersid()
      .value(0)
      .value(ELEMS / 64)
      .value(64)
      .tuple2()
      .value(64)
      .value(1)
      .tuple2();
    w.newfalse().binget(0).emptyTuple().reduce().tuple().reduce();
    storages[String(i)] = ELEMS * 4;
  }
  const pickle = w.setitems().stop().bytes();
  const layout = zipLayout(torchZipInputs('archive', pickle, storages), { zip64: true, align: 64 });
  writeSparse(file, layout.size, layout.chunks);
  return layout.size;
}

function safetensorsFile(file: string): number {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  let offset = 0;
  for (let i = 0; i < TENSORS; i++) {
    header[`model.layers.${i >> 2}.mlp.proj${i & 3}.weight`] = {
      dtype: 'F32',
      shape: [ELEMS / 64, 64],
      data_offsets: [offset, offset + ELEMS * 4],
    };
    offset += ELEMS * 4;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const head = new Uint8Array(8 + json.length);
  new DataView(head.buffer).setBigUint64(0, BigInt(json.length), true);
  head.set(json, 8);
  const size = head.length + offset;
  writeSparse(file, size, [{ offset: 0, bytes: head }]);
  return size;
}

async function time(file: string): Promise<{ ms: number; tensors: number; errors: number }> {
  const times: number[] = [];
  let tensors = 0;
  let errors = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = await inspectCheckpoint(file);
    times.push(performance.now() - t0);
    tensors = r.tensors.length;
    errors = r.errors.length;
  }
  return { ms: median(times), tensors, errors };
}

export async function benchCheckpoints(): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-bench-ckpt-'));
  try {
    const zipPath = path.join(dir, 'big.ckpt');
    const stPath = path.join(dir, 'big.safetensors');
    const zipSize = torchZipFile(zipPath);
    const stSize = safetensorsFile(stPath);
    const gb = (n: number): string => (n / 1024 ** 3).toFixed(1);
    const zip = await time(zipPath);
    const st = await time(stPath);
    return [
      {
        name: 'checkpoints: inspect torch zip (ZIP64)',
        value: zip.ms,
        unit: 'ms',
        note: `${gb(zipSize)} GB sparse, ${zip.tensors} tensors, ${zip.errors} errors, median of ${RUNS}; goal < 1000 ms`,
      },
      {
        name: 'checkpoints: inspect safetensors',
        value: st.ms,
        unit: 'ms',
        note: `${gb(stSize)} GB sparse, ${st.tensors} tensors, ${st.errors} errors, median of ${RUNS}; goal < 1000 ms`,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
