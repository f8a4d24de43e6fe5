// An inert pickle VM (protocols 0–5). It builds a skeleton object graph and never imports or calls anything:
// globals become {kind:'global'}, calls become {kind:'object'} (or tensor/dict nodes, see torchRebuild.ts).
// Every length is checked against the bytes left and every structure is bounded, so bombs fail fast by name.
import { CheckpointError } from './errors';
import { PickleMachine } from './pickleMachine';
import type { UnpickleLimits } from './pickleMachine';
import {
  decodeLong,
  parseFloatLine,
  parseIntLine,
  parseLongLine,
  parseStringLine,
  parseUnicodeLine,
} from './pickleText';
import { isNode } from './pickleTypes';
import type { PickleDict, PickleValue } from './pickleTypes';
import { persistentLoad, reduceCall } from './torchRebuild';

export const DEFAULT_LIMITS: UnpickleLimits = {
  maxOps: 50_000_000,
  maxMarks: 1000,
  maxMemo: 5_000_000,
  maxItems: 20_000_000,
};

export interface UnpickleResult {
  value: PickleValue;
  /** Offset just after STOP (the legacy torch format has several pickles back to back). */
  end: number;
  /** `module.name` of every GLOBAL / STACK_GLOBAL / INST seen. */
  globals: Set<string>;
}

export function unpickle(data: Uint8Array, start = 0, limits: UnpickleLimits = DEFAULT_LIMITS): UnpickleResult {
  return new Vm(data, start, limits).run();
}

class Vm extends PickleMachine {
  run(): UnpickleResult {
    const { data } = this;
    for (let ops = 0; ; ops++) {
      if (ops >= this.limits.maxOps) {
        throw new CheckpointError('pickle-too-many-ops', `more than ${this.limits.maxOps} opcodes`);
      }
      if (this.pos >= data.length) {
        throw new CheckpointError('pickle-no-stop', 'pickle ends without STOP');
      }
      const op = data[this.pos++];
      if (op === 0x2e) {
        // STOP
        return { value: this.pop(), end: this.pos, globals: this.globals };
      }
      this.step(op);
    }
  }

  private step(op: number): void {
    switch (op) {
      case 0x80:
        this.u8();
        break; // PROTO
      case 0x95:
        this.u64('FRAME');
        break; // FRAME: framing is only a hint for buffered readers
      case 0x28:
        this.mark();
        break; // MARK
      case 0x7d:
        this.push({ kind: 'dict', entries: [] });
        break; // EMPTY_DICT
      case 0x5d:
        this.push({ kind: 'list', items: [] });
        break; // EMPTY_LIST
      case 0x29:
        this.push({ kind: 'tuple', items: [] });
        break; // EMPTY_TUPLE
      case 0x8f:
        this.push({ kind: 'set', items: [], frozen: false });
        break; // EMPTY_SET
      case 0x64: {
        const d: PickleDict = { kind: 'dict', entries: [] };
        this.setItems(d, this.popMark());
        this.push(d);
        break;
      } // DICT
      case 0x6c: {
        const xs = this.popMark();
        this.count(xs.length);
        this.push({ kind: 'list', items: xs });
        break;
      } // LIST
      case 0x74:
        this.push(this.tuple(this.popMark()));
        break; // TUPLE
      case 0x85:
        this.push(this.tuple([this.pop()]));
        break; // TUPLE1
      case 0x86: {
        const b = this.pop();
        const a = this.pop();
        this.push(this.tuple([a, b]));
        break;
      } // TUPLE2
      case 0x87: {
        const c = this.pop();
        const b = this.pop();
        const a = this.pop();
        this.push(this.tuple([a, b, c]));
        break;
      } // TUPLE3
      case 0x91: {
        const xs = this.popMark();
        this.count(xs.length);
        this.push({ kind: 'set', items: xs, frozen: true });
        break;
      } // FROZENSET
      case 0x90: {
        const xs = this.popMark();
        const s = this.top();
        if (!isNode(s, 'set')) {
          throw new CheckpointError('pickle-bad-value', 'ADDITEMS on a non-set');
        }
        this.count(xs.length);
        for (const x of xs) {
          s.items.push(x);
        }
        break;
      } // ADDITEMS
      case 0x73: {
        const v = this.pop();
        const k = this.pop();
        this.setItems(this.top(), [k, v]);
        break;
      } // SETITEM
      case 0x75: {
        const kv = this.popMark();
        this.setItems(this.top(), kv);
        break;
      } // SETITEMS
      case 0x61: {
        const v = this.pop();
        this.append(this.top(), [v]);
        break;
      } // APPEND
      case 0x65: {
        const xs = this.popMark();
        this.append(this.top(), xs);
        break;
      } // APPENDS
      case 0x30:
        this.pop();
        break; // POP
      case 0x31:
        this.popMark();
        break; // POP_MARK
      case 0x32:
        this.push(this.top());
        break; // DUP
      case 0x4e:
        this.push(null);
        break; // NONE
      case 0x88:
        this.push(true);
        break; // NEWTRUE
      case 0x89:
        this.push(false);
        break; // NEWFALSE
      case 0x4b:
        this.push(this.u8());
        break; // BININT1
      case 0x4d:
        this.push(this.u16());
        break; // BININT2
      case 0x4a:
        this.push(this.view.getInt32(this.need(4, 'BININT'), true));
        break; // BININT
      case 0x8a:
        this.push(decodeLong(this.bytes(this.u8(), 'LONG1')));
        break; // LONG1
      case 0x8b: {
        const n = this.view.getInt32(this.need(4, 'LONG4'), true);
        this.push(decodeLong(this.bytes(n, 'LONG4')));
        break;
      } // LONG4
      case 0x47:
        this.push(this.view.getFloat64(this.need(8, 'BINFLOAT'), false));
        break; // BINFLOAT (big-endian)
      case 0x49:
        this.push(checked(parseIntLine(this.line()), 'INT'));
        break; // INT
      case 0x4c:
        this.push(checked(parseLongLine(this.line()), 'LONG'));
        break; // LONG
      case 0x46:
        this.push(checked(parseFloatLine(this.line()), 'FLOAT'));
        break; // FLOAT
      case 0x53:
        this.push(checked(parseStringLine(this.line()), 'STRING'));
        break; // STRING
      case 0x56:
        this.push(parseUnicodeLine(this.line()));
        break; // UNICODE
      case 0x8c:
        this.push(this.utf8(this.u8(), 'SHORT_BINUNICODE'));
        break;
      case 0x58:
        this.push(this.utf8(this.u32(), 'BINUNICODE'));
        break;
      case 0x8d:
        this.push(this.utf8(this.u64('BINUNICODE8'), 'BINUNICODE8'));
        break;
      case 0x55:
        this.push(this.latin1(this.u8(), 'SHORT_BINSTRING'));
        break;
      case 0x54:
        this.push(this.latin1(this.view.getInt32(this.need(4, 'BINSTRING'), true), 'BINSTRING'));
        break;
      case 0x43:
        this.push({ kind: 'bytes', data: this.bytes(this.u8(), 'SHORT_BINBYTES') });
        break;
      case 0x42:
        this.push({ kind: 'bytes', data: this.bytes(this.u32(), 'BINBYTES') });
        break;
      case 0x8e:
        this.push({ kind: 'bytes', data: this.bytes(this.u64('BINBYTES8'), 'BINBYTES8') });
        break;
      case 0x96:
        this.push({ kind: 'bytes', data: this.bytes(this.u64('BYTEARRAY8'), 'BYTEARRAY8') });
        break;
      case 0x97:
        this.push({ kind: 'object', class: 'pickle.PickleBuffer', args: [] });
        break; // NEXT_BUFFER (out-of-band: absent)
      case 0x98:
        break; // READONLY_BUFFER
      case 0x71:
        this.put(this.u8());
        break; // BINPUT
      case 0x72:
        this.put(this.u32());
        break; // LONG_BINPUT
      case 0x70:
        this.put(Number(checked(parseLongLine(this.line()), 'PUT')));
        break; // PUT
      case 0x94:
        this.put(this.memo.size);
        break; // MEMOIZE
      case 0x68:
        this.get(this.u8());
        break; // BINGET
      case 0x6a:
        this.get(this.u32());
        break; // LONG_BINGET
      case 0x67:
        this.get(Number(checked(parseLongLine(this.line()), 'GET')));
        break; // GET
      case 0x63: {
        const m = this.line();
        this.global(m, this.line());
        break;
      } // GLOBAL
      case 0x93: {
        const n = this.pop();
        const m = this.pop();
        if (typeof m !== 'string' || typeof n !== 'string') {
          throw new CheckpointError('pickle-bad-value', 'STACK_GLOBAL needs two strings');
        }
        this.global(m, n);
        break;
      }
      case 0x82:
        this.push({ kind: 'global', module: 'copyreg._extension_registry', name: String(this.u8()) });
        break; // EXT1
      case 0x83:
        this.push({ kind: 'global', module: 'copyreg._extension_registry', name: String(this.u16()) });
        break; // EXT2
      case 0x84:
        this.push({ kind: 'global', module: 'copyreg._extension_registry', name: String(this.u32()) });
        break; // EXT4
      case 0x52: {
        const args = this.pop();
        const fn = this.pop();
        this.push(reduceCall(fn, args));
        break;
      } // REDUCE
      case 0x81: {
        const args = this.pop();
        const cls = this.pop();
        this.push(reduceCall(cls, args));
        break;
      } // NEWOBJ
      case 0x92: {
        const kw = this.pop();
        const args = this.pop();
        const cls = this.pop();
        this.push(reduceCall(cls, args, kw));
        break;
      } // NEWOBJ_EX
      case 0x62:
        this.build();
        break; // BUILD
      case 0x6f: {
        const xs = this.popMark();
        const cls = xs.shift();
        if (cls === undefined) {
          throw new CheckpointError('pickle-stack-underflow', 'OBJ without a class');
        }
        this.push(reduceCall(cls, { kind: 'tuple', items: xs }));
        break;
      } // OBJ
      case 0x69: {
        const m = this.line();
        const n = this.line();
        this.globals.add(`${m}.${n}`);
        this.push(reduceCall({ kind: 'global', module: m, name: n }, { kind: 'tuple', items: this.popMark() }));
        break;
      } // INST
      case 0x51:
        this.push(persistentLoad(this.pop()));
        break; // BINPERSID
      case 0x50:
        this.push(persistentLoad(this.line()));
        break; // PERSID
      default:
        throw new CheckpointError('pickle-bad-opcode', `unknown opcode 0x${op.toString(16)} at ${this.pos - 1}`);
    }
  }
}

function checked<T>(v: T | undefined, what: string): T {
  if (v === undefined) {
    throw new CheckpointError('pickle-bad-value', `malformed ${what} argument`);
  }
  return v;
}
