// Hostile pickles: each must end in a named CheckpointError (or a bounded result) quickly and in bounded memory.
import assert from 'node:assert/strict';
import { CheckpointError } from '../../../src/core/checkpoints/errors';
import { DEFAULT_LIMITS, unpickle } from '../../../src/core/checkpoints/pickle';
import { isNode } from '../../../src/core/checkpoints/pickleTypes';
import { summaryTree } from '../../../src/core/checkpoints/summaryTree';
import { walkTensors, MAX_WALK_DEPTH } from '../../../src/core/checkpoints/tensorWalk';
import { PickleWriter, pickleOf, tensor } from './pickleWriter';

function rejects(bytes: Uint8Array, code: string, limits = DEFAULT_LIMITS): void {
  assert.throws(
    () => unpickle(bytes, 0, limits),
    (err: unknown) => err instanceof CheckpointError && err.code === code,
    `expected ${code}`,
  );
}

describe('checkpoints/pickle: bombs and malformed input', () => {
  it('deep MARK nesting → pickle-too-deep', () => {
    const w = new PickleWriter().proto(2);
    for (let i = 0; i < 100_000; i++) {
      w.mark();
    }
    rejects(w.stop().bytes(), 'pickle-too-deep');
  });

  it('deep container nesting without MARKs decodes, and the walkers stop at their depth limit', () => {
    const w = new PickleWriter().proto(2).tensor(tensor('0', [1]));
    for (let i = 0; i < 50_000; i++) {
      w.tuple1();
    }
    const v = unpickle(w.stop().bytes()).value;
    const walk = walkTensors(v);
    assert.equal(walk.tooDeep, true);
    assert.equal(walk.tensors.length, 0);
    const tree = JSON.stringify(summaryTree(v));
    assert.ok(tree.length < 10_000);
    assert.ok(MAX_WALK_DEPTH < 50_000);
  });

  it('huge memo index → pickle-memo-index; missing memo entry → pickle-memo-missing', () => {
    rejects(new PickleWriter().proto(2).none().longBinput(0xfffffff0).stop().bytes(), 'pickle-memo-index');
    rejects(new PickleWriter().proto(2).binget(7).stop().bytes(), 'pickle-memo-missing');
    rejects(new PickleWriter().proto(2).longBinget(0xffffffff).stop().bytes(), 'pickle-memo-missing');
  });

  it('too many memo entries → pickle-too-large', () => {
    const w = new PickleWriter().proto(4).none();
    for (let i = 0; i < 100; i++) {
      w.memoize();
    }
    rejects(w.stop().bytes(), 'pickle-too-large', { ...DEFAULT_LIMITS, maxMemo: 50 });
  });

  it('MARK abuse: pops without MARK, odd SETITEMS, stack underflow', () => {
    rejects(new PickleWriter().proto(2).tuple().stop().bytes(), 'pickle-mark-missing');
    rejects(new PickleWriter().proto(2).popMark().stop().bytes(), 'pickle-mark-missing');
    rejects(new PickleWriter().proto(2).emptyDict().mark().none().setitems().stop().bytes(), 'pickle-bad-value');
    rejects(new PickleWriter().proto(2).none().append().stop().bytes(), 'pickle-stack-underflow');
    rejects(new PickleWriter().proto(2).binint1(1).binint1(2).setitem().stop().bytes(), 'pickle-stack-underflow');
    rejects(new PickleWriter().proto(2).binint1(1).none().binint1(2).setitem().stop().bytes(), 'pickle-bad-value');
    rejects(new PickleWriter().proto(2).stop().bytes(), 'pickle-stack-underflow');
  });

  it('recursive references through the memo are fine: walkers visit each node once and the tree marks cycles', () => {
    // l = []; l.append(l); d = {'self': d, 'l': l, 't': tensor}
    const w = new PickleWriter().proto(2).emptyDict().binput(0).mark();
    w.binUnicode('self').binget(0).binUnicode('l').emptyList().binput(1).binget(1).append();
    w.binUnicode('t')
      .tensor(tensor('0', [3]))
      .setitems();
    const v = unpickle(w.stop().bytes()).value;
    const walk = walkTensors(v);
    assert.deepEqual(
      walk.tensors.map((t) => t.name),
      ['t'],
    );
    const tree = summaryTree(v) as Record<string, unknown>;
    assert.equal(tree.self, '<cycle>');
    assert.deepEqual(tree.l, ['<cycle>']);
  });

  it('billion laughs (10 levels × 10 references) stays linear in the walkers and bounded in the tree', () => {
    const w = new PickleWriter().proto(2).binUnicode('lol').binput(0);
    for (let level = 1; level <= 10; level++) {
      w.emptyList().mark();
      for (let i = 0; i < 10; i++) {
        w.binget(level - 1);
      }
      w.appends().binput(level);
    }
    const v = unpickle(w.stop().bytes()).value;
    assert.ok(isNode(v, 'list'));
    assert.equal(walkTensors(v).tensors.length, 0);
    const json = JSON.stringify(summaryTree(v));
    assert.ok(json.length < 200_000, `tree is ${json.length} chars`);
  });

  it('string / bytes lengths beyond the pickle → pickle-truncated (nothing allocated)', () => {
    const big = new PickleWriter().proto(4).raw(0x8d, 0, 0, 0, 0, 0, 0, 1, 0).stop().bytes(); // BINUNICODE8 of 2^48
    rejects(big, 'pickle-truncated');
    rejects(new PickleWriter().proto(2).raw(0x58, 0xff, 0xff, 0xff, 0x7f).stop().bytes(), 'pickle-truncated');
    rejects(
      new PickleWriter().proto(4).raw(0x8e, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0).stop().bytes(),
      'pickle-truncated',
    );
    rejects(new PickleWriter().proto(2).raw(0x8b, 0xff, 0xff, 0xff, 0x7f).stop().bytes(), 'pickle-truncated');
    rejects(
      new PickleWriter().proto(4).raw(0x95, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0).stop().bytes(),
      'pickle-truncated',
    );
  });

  it('a huge LONG4 decodes in linear time', () => {
    const digits = new Array<number>(200_000).fill(0x7f);
    const v = unpickle(new PickleWriter().proto(2).long4(digits).stop().bytes()).value;
    assert.equal(typeof v, 'bigint');
  });

  it('truncated pickle, missing STOP, unknown opcode, too many ops, too many items', () => {
    const good = pickleOf({ a: [1, 2, 3], b: 'x' });
    rejects(good.subarray(0, good.length - 5), 'pickle-truncated');
    rejects(good.subarray(0, good.length - 1), 'pickle-no-stop');
    rejects(new PickleWriter().proto(2).raw(0xff).stop().bytes(), 'pickle-bad-opcode');
    const many = new PickleWriter().proto(2);
    for (let i = 0; i < 1000; i++) {
      many.none().pop();
    }
    rejects(many.none().stop().bytes(), 'pickle-too-many-ops', { ...DEFAULT_LIMITS, maxOps: 500 });
    const items = new PickleWriter().proto(2).emptyList().mark();
    for (let i = 0; i < 1000; i++) {
      items.none();
    }
    rejects(items.appends().stop().bytes(), 'pickle-too-large', { ...DEFAULT_LIMITS, maxItems: 100 });
  });

  it('fuzz: 2000 single-byte mutations of a torch-like pickle only ever raise CheckpointError', () => {
    const base = new PickleWriter()
      .proto(2)
      .value({ epoch: 3, sd: { w: tensor('0', [2, 2]), b: tensor('1', [2]) }, lr: [0.1] })
      .stop()
      .bytes();
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      const b = Uint8Array.from(base);
      b[rand(b.length)] = rand(256);
      if (i % 3 === 0) {
        b[rand(b.length)] = rand(256);
      }
      try {
        const r = unpickle(b);
        walkTensors(r.value);
        summaryTree(r.value);
      } catch (err) {
        assert.ok(err instanceof CheckpointError, `case ${i}: ${String(err)}`);
      }
    }
  });
});
