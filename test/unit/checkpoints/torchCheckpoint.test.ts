import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspectAccess, inspectCheckpoint } from '../../../src/core/checkpoints/inspect';
import { bufferAccess } from '../../../src/core/checkpoints/randomAccess';
import type { RandomAccess } from '../../../src/core/checkpoints/randomAccess';
import { legacyBytes, legacyTensor } from './legacyWriter';
import { PickleWriter, pickleOf, tensor } from './pickleWriter';
import { torchZipInputs, zipBytes } from './zipWriter';

/** An nn.Module as torch pickles it: NEWOBJ of the class, then BUILD with its __dict__. */
function moduleObj(
  w: PickleWriter,
  cls: string,
  params: Record<string, () => void>,
  modules: Record<string, () => void>,
): PickleWriter {
  const dot = cls.lastIndexOf('.');
  w.global(cls.slice(0, dot), cls.slice(dot + 1))
    .emptyTuple()
    .newobj()
    .emptyDict()
    .mark();
  w.binUnicode('training').newtrue();
  w.binUnicode('_parameters').emptyDict().mark();
  for (const [k, emit] of Object.entries(params)) {
    w.binUnicode(k);
    emit();
  }
  w.setitems().binUnicode('_buffers').emptyDict().binUnicode('_modules').emptyDict().mark();
  for (const [k, emit] of Object.entries(modules)) {
    w.binUnicode(k);
    emit();
  }
  return w.setitems().setitems().build();
}

function param(w: PickleWriter, key: string, shape: number[], storage = 'HalfStorage'): void {
  w.global('torch._utils', '_rebuild_parameter').tensor({ __tensor: true, key, shape, storage }).newtrue();
  w.global('collections', 'OrderedDict').emptyTuple().reduce().tuple3().reduce();
}

function ultralyticsPickle(): Uint8Array {
  const w = new PickleWriter().proto(2).emptyDict().mark();
  w.binUnicode('epoch')
    .binint1(9)
    .binUnicode('best_fitness')
    .binfloat(0.5)
    .binUnicode('model')
    .none()
    .binUnicode('ema');
  moduleObj(
    w,
    'ultralytics.nn.tasks.DetectionModel',
    {},
    {
      model: () =>
        moduleObj(
          w,
          'torch.nn.modules.container.Sequential',
          {},
          {
            '0': () =>
              moduleObj(
                w,
                'ultralytics.nn.modules.conv.Conv',
                {},
                {
                  conv: () =>
                    moduleObj(w, 'torch.nn.modules.conv.Conv2d', { weight: () => param(w, '0', [16, 3, 3, 3]) }, {}),
                },
              ),
          },
        ),
    },
  );
  w.binUnicode('train_args').value({ epochs: 10, imgsz: 640, model: 'yolov8n.yaml' });
  w.binUnicode('optimizer').value({ state: {}, param_groups: [{ lr: 0.01, params: [0] }] });
  return w.setitems().stop().bytes();
}

function lightningPickle(): Uint8Array {
  return pickleOf({
    epoch: 4,
    global_step: 100,
    'pytorch-lightning_version': '2.6.6',
    state_dict: { 'net.0.weight': tensor('0', [8, 4]), 'net.0.bias': tensor('1', [8]) },
    callbacks: { ModelCheckpoint: { best_model_score: tensor('2', []) } },
    optimizer_states: [{ state: { '0': { exp_avg: tensor('3', [8, 4]) } }, param_groups: [{ lr: 0.01 }] }],
    hyper_parameters: { hidden: 8, lr: 0.02 },
  });
}

function storagesOf(n: number, bytes = 64): Record<string, number> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), bytes]));
}

describe('checkpoints/torchCheckpoint + inspect', () => {
  it('zip format: Ultralytics-style pickled nn.Modules get torch state-dict names', async () => {
    const bytes = zipBytes(torchZipInputs('last', ultralyticsPickle(), storagesOf(1, 864)), { align: 64 });
    const r = await inspectAccess('/runs/detect/train/weights/last.pt', bufferAccess(bytes));
    assert.deepEqual(r.errors, []);
    assert.equal(r.format, 'torch-zip');
    assert.deepEqual(r.tensors, [
      { name: 'ema.model.0.conv.weight', dtype: 'float16', shape: [16, 3, 3, 3], numel: 432, sizeBytes: 864 },
    ]);
    assert.equal(r.totalParams, 432);
    assert.deepEqual(r.dtypeCounts, { float16: 1 });
    assert.deepEqual(r.frameworks, ['ultralytics']);
    const tree = r.tree as Record<string, unknown>;
    assert.equal(tree.epoch, 9);
    assert.equal(tree.ema, '<module ultralytics.nn.tasks.DetectionModel>');
    assert.deepEqual(tree.train_args, { epochs: 10, imgsz: 640, model: 'yolov8n.yaml' });
    assert.equal(r.torch?.prefix, 'last');
    assert.equal(r.torch?.byteorder, 'little');
    assert.equal(r.torch?.serializationId, '1234567890');
    assert.equal(r.torch?.storageCount, 1);
    assert.doesNotThrow(() => JSON.stringify(r));
  });

  it('zip64 Lightning checkpoint: model params exclude optimizer and callback tensors', async () => {
    const bytes = zipBytes(torchZipInputs('archive', lightningPickle(), storagesOf(4)), { zip64: true });
    const r = await inspectAccess('/x/epoch=4-step=100.ckpt', bufferAccess(bytes));
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.tensors.map((t) => t.name),
      [
        'state_dict.net.0.weight',
        'state_dict.net.0.bias',
        'callbacks.ModelCheckpoint.best_model_score',
        'optimizer_states.0.state.0.exp_avg',
      ],
    );
    assert.equal(r.totalParams, 40);
    assert.equal(r.totalNumel, 73);
    assert.equal(r.totalBytes, 73 * 4);
    assert.deepEqual(r.frameworks, ['lightning']);
    assert.deepEqual((r.tree as Record<string, unknown>).hyper_parameters, { hidden: 8, lr: 0.02 });
    assert.equal((r.tree as Record<string, unknown>).state_dict, '<2 tensors>');
  });

  it('reads only data.pkl and the tiny metadata entries, never storage bytes', async () => {
    const bytes = zipBytes(torchZipInputs('archive', lightningPickle(), storagesOf(4, 1 << 20)), { align: 64 });
    const inner = bufferAccess(bytes);
    let total = 0;
    const file: RandomAccess = {
      size: inner.size,
      close: inner.close,
      read: (o, n) => ((total += n), inner.read(o, n)),
    };
    const r = await inspectAccess('/x/a.ckpt', file);
    assert.deepEqual(r.errors, []);
    assert.ok(total < 20_000, `read ${total} bytes of a ${bytes.length}-byte file`);
  });

  it('a storage without its data entry is reported, the rest still loads', async () => {
    const bytes = zipBytes(torchZipInputs('archive', lightningPickle(), storagesOf(3)));
    const r = await inspectAccess('/x/a.ckpt', bufferAccess(bytes));
    assert.equal(r.tensors.length, 4);
    assert.deepEqual(
      r.errors.map((e) => e.code),
      ['zip-missing-entry'],
    );
  });

  it('a zip without data.pkl → torch-no-data-pkl', async () => {
    const r = await inspectAccess('/x/a.pt', bufferAccess(zipBytes([{ name: 'foo.txt', data: new Uint8Array(3) }])));
    assert.deepEqual(
      r.errors.map((e) => e.code),
      ['torch-no-data-pkl'],
    );
  });

  it('legacy format: preamble pickles, main pickle, storage keys (raw storages are not parsed)', async () => {
    const w = new PickleWriter().proto(2).emptyDict().mark().binUnicode('epoch').binint1(3).binUnicode('state_dict');
    w.global('collections', 'OrderedDict').emptyTuple().reduce().mark().binUnicode('fc.weight');
    legacyTensor(w, '94811', [6, 16]).binUnicode('fc.bias');
    legacyTensor(w, '94812', [6]).setitems().setitems();
    const bytes = legacyBytes(w.stop().bytes(), ['94811', '94812']);
    const r = await inspectAccess('/x/old.pth', bufferAccess(bytes));
    assert.deepEqual(r.errors, []);
    assert.equal(r.format, 'torch-legacy');
    assert.deepEqual(
      r.tensors.map((t) => [t.name, t.numel]),
      [
        ['state_dict.fc.weight', 96],
        ['state_dict.fc.bias', 6],
      ],
    );
    assert.equal(r.totalParams, 102);
    assert.deepEqual(r.torch, { formatVersion: '1001', storageCount: 2, byteorder: 'little' });
  });

  it('legacy format written with protocol 0 (text LONG magic) is sniffed and read', async () => {
    const w = new PickleWriter().mark().unicode('w').global('torch._utils', '_rebuild_tensor_v2').mark();
    w.persid("('storage', <class 'torch.FloatStorage'>, '140', 'cpu', 6)").int('0').mark().int('6').tuple();
    w.mark()
      .int('1')
      .tuple()
      .int('00')
      .global('collections', 'OrderedDict')
      .mark()
      .tuple()
      .reduce()
      .tuple()
      .reduce()
      .dict();
    const enc = new TextEncoder();
    const parts = [
      enc.encode('L119547037146038801333356L\n.'),
      enc.encode('I1001\n.'),
      enc.encode('(dp0\nVlittle_endian\np1\nI01\ns.'),
      w.stop().bytes(),
      enc.encode('(lp0\nV140\np1\na.'),
    ];
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      bytes.set(p, o);
      o += p.length;
    }
    const r = await inspectAccess('/x/p0.pt', bufferAccess(bytes));
    assert.deepEqual(r.errors, []);
    assert.equal(r.format, 'torch-legacy');
    assert.deepEqual(r.tensors, [{ name: 'w', dtype: 'float32', shape: [6], numel: 6, sizeBytes: 24 }]);
    assert.equal(r.torch?.storageCount, 1);
  });

  it('legacy format: wrong magic and big-endian are named', async () => {
    const main = pickleOf({ a: 1 });
    const bad = await inspectAccess('/x/a.pth', bufferAccess(legacyBytes(main, [], { magic: [1, 2, 3] })));
    assert.deepEqual(
      bad.errors.map((e) => e.code),
      ['torch-legacy-bad-magic'],
    );
    const big = await inspectAccess('/x/a.pth', bufferAccess(legacyBytes(main, [], { littleEndian: false })));
    assert.deepEqual(
      big.errors.map((e) => e.code),
      ['torch-big-endian'],
    );
    const cut = legacyBytes(main, []);
    const short = await inspectAccess('/x/a.pth', bufferAccess(cut.subarray(0, 60)));
    assert.ok(['pickle-truncated', 'pickle-no-stop'].includes(short.errors[0]?.code ?? ''));
  });

  it('a bare optimizer state dict holds no model params; a plain state dict counts everything', async () => {
    const opt = pickleOf({ state: { '0': { exp_avg: tensor('0', [4]) } }, param_groups: [{ lr: 0.1, params: [0] }] });
    const r = await inspectAccess(
      '/x/checkpoint-20/optimizer.pt',
      bufferAccess(zipBytes(torchZipInputs('optimizer', opt, storagesOf(1)))),
    );
    assert.equal(r.totalParams, 0);
    assert.equal(r.totalNumel, 4);
    assert.deepEqual(r.frameworks, ['hf']);
    const sd = pickleOf({ 'a.weight': tensor('0', [2, 2]), 'a.bias': tensor('1', [2], 'DoubleStorage') });
    const s = await inspectAccess('/x/sd.pth', bufferAccess(zipBytes(torchZipInputs('sd', sd, storagesOf(2)))));
    assert.equal(s.totalParams, 6);
    assert.deepEqual(s.dtypeCounts, { float32: 1, float64: 1 });
  });

  describe('inspectCheckpoint on files', () => {
    let dir = '';
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-ckpt-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('picks the reader by magic bytes, not by extension', async () => {
      const st = JSON.stringify({ w: { dtype: 'F16', shape: [3], data_offsets: [0, 6] } });
      const stBytes = new Uint8Array(8 + st.length + 6);
      new DataView(stBytes.buffer).setBigUint64(0, BigInt(st.length), true);
      stBytes.set(new TextEncoder().encode(st), 8);
      fs.writeFileSync(path.join(dir, 'weights.ckpt'), stBytes);
      fs.writeFileSync(
        path.join(dir, 'model.safetensors'),
        zipBytes(torchZipInputs('archive', pickleOf({ w: tensor('0', [2]) }), storagesOf(1))),
      );
      const a = await inspectCheckpoint(path.join(dir, 'weights.ckpt'));
      assert.equal(a.format, 'safetensors');
      assert.deepEqual(a.tensors, [{ name: 'w', dtype: 'float16', shape: [3], numel: 3, sizeBytes: 6 }]);
      const b = await inspectCheckpoint(path.join(dir, 'model.safetensors'));
      assert.equal(b.format, 'torch-zip');
      assert.equal(b.tensors[0].name, 'w');
    });

    it('a checkpoint folder: its weights file only, or all shards merged; a weights-named folder is not entered', async () => {
      const write = (file: string, name: string, n: number): void => {
        const json = JSON.stringify({ [name]: { dtype: 'F32', shape: [n], data_offsets: [0, 4 * n] } });
        const b = new Uint8Array(8 + json.length + 4 * n);
        new DataView(b.buffer).setBigUint64(0, BigInt(json.length), true);
        b.set(new TextEncoder().encode(json), 8);
        fs.writeFileSync(file, b);
      };
      const hf = path.join(dir, 'checkpoint-80');
      fs.mkdirSync(hf);
      write(path.join(hf, 'model.safetensors'), 'w', 5);
      fs.writeFileSync(
        path.join(hf, 'optimizer.pt'),
        zipBytes(torchZipInputs('optimizer', pickleOf({ state: {} }), {})),
      );
      const a = await inspectCheckpoint(hf);
      assert.deepEqual([a.format, a.tensors.length, a.totalParams, a.frameworks], ['safetensors', 1, 5, ['hf']]);
      const sharded = path.join(dir, 'sharded');
      fs.mkdirSync(sharded);
      write(path.join(sharded, 'model-00002-of-00002.safetensors'), 'b', 2);
      write(path.join(sharded, 'model-00001-of-00002.safetensors'), 'a', 3);
      const b = await inspectCheckpoint(sharded);
      assert.deepEqual(
        b.tensors.map((t) => t.name),
        ['a', 'b'],
      );
      assert.equal(b.totalParams, 5);
      const loop = path.join(dir, 'loop');
      fs.mkdirSync(loop);
      fs.symlinkSync('.', path.join(loop, 'model.safetensors'));
      const c = await inspectCheckpoint(loop);
      assert.deepEqual(
        c.errors.map((e) => e.code),
        ['io-error'],
      );
    });

    it('a safetensors header whose length starts with 0x80 is not mistaken for a legacy pickle', async () => {
      const header: Record<string, unknown> = {};
      let json = '';
      for (let i = 0; json.length < 0x180; i++) {
        header[`t${i}`] = { dtype: 'U8', shape: [1], data_offsets: [i, i + 1] };
        json = JSON.stringify(header);
      }
      const padded = json.padEnd(0x280, ' ');
      const n = Object.keys(header).length;
      const bytes = new Uint8Array(8 + padded.length + n);
      new DataView(bytes.buffer).setBigUint64(0, BigInt(padded.length), true);
      bytes.set(new TextEncoder().encode(padded), 8);
      assert.equal(bytes[0], 0x80);
      fs.writeFileSync(path.join(dir, 'odd.pth'), bytes);
      const r = await inspectCheckpoint(path.join(dir, 'odd.pth'));
      assert.deepEqual(r.errors, []);
      assert.equal(r.format, 'safetensors');
      assert.equal(r.tensors.length, n);
    });

    it('never throws: missing file, empty file, random bytes, folder without weights', async () => {
      fs.writeFileSync(path.join(dir, 'empty.pt'), new Uint8Array(0));
      fs.writeFileSync(path.join(dir, 'junk.pt'), new Uint8Array(1000).fill(0x41));
      const codes = [];
      fs.mkdirSync(path.join(dir, 'empty-folder'));
      for (const p of ['missing.pt', 'empty.pt', 'junk.pt', 'empty-folder']) {
        const r = await inspectCheckpoint(path.join(dir, p));
        assert.equal(r.tensors.length, 0);
        codes.push(r.errors[0]?.code);
      }
      assert.deepEqual(codes, ['io-error', 'unknown-format', 'unknown-format', 'unknown-format']);
    });
  });
});
