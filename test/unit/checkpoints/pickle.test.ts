import assert from 'node:assert/strict';
import { unpickle } from '../../../src/core/checkpoints/pickle';
import { isNode } from '../../../src/core/checkpoints/pickleTypes';
import type { PickleValue } from '../../../src/core/checkpoints/pickleTypes';
import { PickleWriter, pickleOf, tensor } from './pickleWriter';

function run(w: PickleWriter): PickleValue {
  return unpickle(w.stop().bytes()).value;
}

function node<K extends string>(v: PickleValue, kind: K): Extract<PickleValue, { kind: K }> {
  assert.ok(
    isNode(v, kind),
    `expected ${kind}, got ${JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x))}`,
  );
  return v;
}

describe('checkpoints/pickle: inert VM', () => {
  it('decodes the scalar opcodes', () => {
    const w = new PickleWriter().proto(2).mark();
    w.binint1(200)
      .binint2(60000)
      .binint(-5)
      .binint(2 ** 31 - 1)
      .long1([])
      .long1([0xff])
      .long1([0x00, 0x01]);
    w.long1([0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]).long4([1, 0, 0, 0, 0, 0, 0, 0x80]);
    w.binfloat(0.1).binfloat(NaN).binfloat(-Infinity).newtrue().newfalse().none();
    w.shortBinUnicode('héllo').binUnicode('ünï').binUnicode8('big').shortBinString('ab').binString('cd');
    w.tuple();
    const t = node(run(w), 'tuple').items;
    assert.deepEqual(t.slice(0, 7), [200, 60000, -5, 2 ** 31 - 1, 0, -1, 256]);
    assert.equal(t[7], 0x1950a86a20f9469cfc6cn);
    assert.equal(t[8], -(2n ** 63n) + 1n);
    assert.equal(t[9], 0.1);
    assert.ok(Number.isNaN(t[10] as number));
    assert.deepEqual(t.slice(11), [-Infinity, true, false, null, 'héllo', 'ünï', 'big', 'ab', 'cd']);
  });

  it('decodes bytes opcodes as views (protocol 3-5)', () => {
    const w = new PickleWriter()
      .proto(5)
      .mark()
      .shortBinBytes([1, 2])
      .binBytes([3])
      .binBytes8([4, 5, 6])
      .bytearray8([7])
      .tuple();
    const items = node(run(w), 'tuple').items.map((b) => Array.from(node(b, 'bytes').data));
    assert.deepEqual(items, [[1, 2], [3], [4, 5, 6], [7]]);
  });

  it('builds containers: dict/list/tuple/set, SETITEM(S), APPEND(S), TUPLE1-3, FROZENSET, ADDITEMS', () => {
    const w = new PickleWriter().proto(4).emptyDict().memoize();
    w.shortBinUnicode('a').emptyList().mark().binint1(1).binint1(2).appends().binint1(3).append().setitem();
    w.mark().shortBinUnicode('t1').binint1(1).tuple1().shortBinUnicode('t2').binint1(1).binint1(2).tuple2();
    w.shortBinUnicode('t3').binint1(1).binint1(2).binint1(3).tuple3().shortBinUnicode('e').emptyTuple().setitems();
    w.shortBinUnicode('s').emptySet().mark().binint1(9).binint1(8).additems().setitem();
    w.shortBinUnicode('f').mark().binint1(7).frozenset().setitem();
    w.shortBinUnicode('a').binint1(42).setitem(); // a repeated key replaces the value, as in Python
    const d = node(run(w), 'dict');
    assert.deepEqual(
      d.entries.map(([k]) => k),
      ['a', 't1', 't2', 't3', 'e', 's', 'f'],
    );
    assert.equal(d.entries[0][1], 42);
    assert.deepEqual(node(d.entries[1][1], 'tuple').items, [1]);
    assert.deepEqual(node(d.entries[3][1], 'tuple').items, [1, 2, 3]);
    assert.deepEqual(node(d.entries[5][1], 'set').items, [9, 8]);
    assert.equal(node(d.entries[6][1], 'set').frozen, true);
  });

  it('supports the protocol 0/1 MARK containers and text opcodes', () => {
    const w = new PickleWriter().mark().int('01').int('00').int('-12').int('123456789012345678901234');
    w.long('7L')
      .float('2.5')
      .float('nan')
      .float('inf')
      .string("'it\\'s\\n'")
      .unicode('caf\\u00e9')
      .tuple()
      .put(0)
      .pop();
    w.mark().get(0).dup().list();
    const r = node(run(w), 'list').items;
    const t = node(r[0], 'tuple').items;
    assert.equal(r[0], r[1]);
    assert.deepEqual(t.slice(0, 3), [true, false, -12]);
    assert.equal(t[3], 123456789012345678901234n);
    assert.equal(t[4], 7);
    assert.equal(t[5], 2.5);
    assert.ok(Number.isNaN(t[6] as number));
    assert.deepEqual(t.slice(7), [Infinity, "it's\n", 'café']);
    const d = node(run(new PickleWriter().mark().string("'k'").int('1').dict()), 'dict');
    assert.deepEqual(d.entries, [['k', 1]]);
  });

  it('memoizes with BINPUT / LONG_BINPUT / MEMOIZE and reads back with BINGET / LONG_BINGET', () => {
    const w = new PickleWriter()
      .proto(4)
      .frame(0)
      .mark()
      .shortBinUnicode('x')
      .binput(3)
      .shortBinUnicode('y')
      .longBinput(1000);
    w.shortBinUnicode('z').memoize().binget(3).longBinget(1000).popMark().emptyList().mark().binget(3).longBinget(1000);
    w.binget(2).appends();
    assert.deepEqual(node(run(w), 'list').items, ['x', 'y', 'z']);
  });

  it('never imports: GLOBAL/STACK_GLOBAL/INST/OBJ/REDUCE/NEWOBJ/NEWOBJ_EX/BUILD/EXT become inert nodes', () => {
    const w = new PickleWriter().proto(4).mark();
    w.global('os', 'system').shortBinUnicode('rm -rf /').tuple1().reduce();
    w.stackGlobal('pkg.mod', 'Cls').emptyTuple().newobj().emptyDict().shortBinUnicode('a').binint1(1).setitem().build();
    w.stackGlobal('pkg.mod', 'Kw').binint1(1).tuple1().emptyDict().newobjEx();
    w.mark().inst('pkg', 'Old').mark().global('pkg', 'Old2').binint1(5).obj();
    w.ext1(1).ext2(300).ext4(70000);
    const r = unpickle(w.tuple().stop().bytes());
    const [sys, cls, kw, old, old2, e1] = node(r.value, 'tuple').items;
    assert.equal(node(old, 'object').class, 'pkg.Old');
    const o = node(sys, 'object');
    assert.equal(o.class, 'os.system');
    assert.deepEqual(o.args, ['rm -rf /']);
    const c = node(cls, 'object');
    assert.equal(c.class, 'pkg.mod.Cls');
    assert.deepEqual(node(c.state as PickleValue, 'dict').entries, [['a', 1]]);
    assert.ok(isNode(node(kw, 'object').kwargs as PickleValue, 'dict'));
    assert.equal(node(old2, 'object').class, 'pkg.Old2');
    assert.deepEqual(node(old2, 'object').args, [5]);
    assert.equal(node(e1, 'global').module, 'copyreg._extension_registry');
    assert.deepEqual([...r.globals].sort(), ['os.system', 'pkg.Old', 'pkg.Old2', 'pkg.mod.Cls', 'pkg.mod.Kw']);
    assert.equal(node(r.value, 'tuple').items.length, 8);
  });

  it('turns OrderedDict/set/_codecs.encode reduces into containers and bytes', () => {
    const w = new PickleWriter().proto(2).mark();
    w.global('collections', 'OrderedDict').emptyTuple().reduce().mark().binUnicode('k').binint1(1).setitems();
    w.global('__builtin__', 'set').emptyList().mark().binint1(1).binint1(2).appends().tuple1().reduce();
    w.global('_codecs', 'encode').binUnicode('\u00ff\u0001').binUnicode('latin1').tuple2().reduce();
    const [od, set, bytes] = node(run(w.tuple()), 'tuple').items;
    assert.equal(node(od, 'dict').class, 'collections.OrderedDict');
    assert.deepEqual(node(od, 'dict').entries, [['k', 1]]);
    assert.deepEqual(node(set, 'set').items, [1, 2]);
    assert.deepEqual(Array.from(node(bytes, 'bytes').data), [0xff, 0x01]);
  });

  it('recognizes torch tensor rebuilds through persistent ids (BINPERSID and PERSID)', () => {
    const w = new PickleWriter()
      .proto(2)
      .mark()
      .tensor({ __tensor: true, key: '7', shape: [2, 3], storage: 'HalfStorage', offset: 4 });
    w.global('torch._utils', '_rebuild_parameter')
      .tensor(tensor('8', [5], 'LongStorage'))
      .newtrue()
      .global('collections', 'OrderedDict')
      .emptyTuple()
      .reduce()
      .tuple3()
      .reduce();
    w.persid('opaque-id');
    const [t, p, pid] = node(run(w.tuple()), 'tuple').items;
    assert.deepEqual(node(t, 'tensor'), {
      kind: 'tensor',
      dtype: 'float16',
      shape: [2, 3],
      stride: [3, 1],
      storageKey: '7',
      storageOffset: 4,
      numel: 6,
      parameter: false,
    });
    assert.equal(node(p, 'tensor').dtype, 'int64');
    assert.equal(node(p, 'tensor').parameter, true);
    assert.equal(node(pid, 'object').persistentId, 'opaque-id');
  });

  it('recognizes _rebuild_tensor_v3 dtypes and _rebuild_from_type_v2 wrappers', () => {
    const w = new PickleWriter().proto(2).mark();
    w.global('torch._utils', '_rebuild_tensor_v3').mark();
    w.mark()
      .binUnicode('storage')
      .global('torch', 'UntypedStorage')
      .binUnicode('0')
      .binUnicode('cpu')
      .binint1(8)
      .tuple()
      .binpersid();
    w.binint1(0).binint1(2).tuple1().binint1(1).tuple1().newfalse().none().global('torch', 'bfloat16').tuple().reduce();
    w.global('torch._tensor', '_rebuild_from_type_v2')
      .mark()
      .global('torch._utils', '_rebuild_tensor_v2')
      .global('torch', 'Tensor');
    w.mark()
      .mark()
      .binUnicode('storage')
      .global('torch', 'FloatStorage')
      .binUnicode('1')
      .binUnicode('cpu')
      .binint1(1)
      .tuple()
      .binpersid();
    w.binint1(0).emptyTuple().emptyTuple().newfalse().none().tuple().emptyDict().tuple().reduce();
    const [v3, wrapped] = node(run(w.tuple()), 'tuple').items;
    assert.equal(node(v3, 'tensor').dtype, 'bfloat16');
    assert.deepEqual(node(wrapped, 'tensor').shape, []);
    assert.equal(node(wrapped, 'tensor').numel, 1);
  });

  it('understands protocol 0 torch files: text PERSID storages, module-class ids and copy_reg._reconstructor', () => {
    const w = new PickleWriter().mark();
    w.global('torch._utils', '_rebuild_tensor_v2')
      .mark()
      .persid("('storage', <class 'torch.HalfStorage'>, '3', 'cpu', 12)");
    w.int('0')
      .mark()
      .int('3')
      .int('4')
      .tuple()
      .mark()
      .int('4')
      .int('1')
      .tuple()
      .int('00')
      .global('collections', 'OrderedDict');
    w.mark().tuple().reduce().tuple().reduce();
    w.global('copy_reg', '_reconstructor')
      .mark()
      .persid("('module', <class 'torch.nn.modules.linear.Linear'>, 'linear.py', 'src')");
    w.global('__builtin__', 'object').none().tuple().reduce();
    w.global('copy_reg', '_reconstructor')
      .mark()
      .global('pkg', 'Thing')
      .global('__builtin__', 'object')
      .none()
      .tuple()
      .reduce();
    const [t, lin, thing] = node(run(w.tuple()), 'tuple').items;
    assert.deepEqual(node(t, 'tensor').shape, [3, 4]);
    assert.equal(node(t, 'tensor').dtype, 'float16');
    assert.equal(node(t, 'tensor').storageKey, '3');
    assert.equal(node(lin, 'object').class, 'torch.nn.modules.linear.Linear');
    assert.equal(node(thing, 'object').class, 'pkg.Thing');
    const legacyModule = new PickleWriter()
      .proto(2)
      .mark()
      .binUnicode('module')
      .global('torch.nn.modules.conv', 'Conv2d');
    legacyModule.binUnicode('conv.py').binUnicode('source').tuple().binpersid().emptyTuple().newobj();
    assert.equal(node(run(legacyModule), 'object').class, 'torch.nn.modules.conv.Conv2d');
  });

  it('accepts protocol 5 out-of-band buffer opcodes without reading anything', () => {
    const v = run(new PickleWriter().proto(5).nextBuffer().readonlyBuffer());
    assert.equal(node(v, 'object').class, 'pickle.PickleBuffer');
  });

  it('round-trips the test writer for a nested plain value', () => {
    const v = node(unpickle(pickleOf({ a: [1, 'x', null, true], b: { c: 1.5 } })).value, 'dict');
    assert.equal(v.entries.length, 2);
  });

  it('reports the end offset so back-to-back pickles can be read', () => {
    const a = pickleOf(1);
    const b = pickleOf('two');
    const both = new Uint8Array([...a, ...b]);
    const first = unpickle(both);
    assert.equal(first.end, a.length);
    assert.equal(unpickle(both, first.end).value, 'two');
  });
});
