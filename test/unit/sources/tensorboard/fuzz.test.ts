// Fuzz: mutated real and synthetic event files (bit flips, truncations, splices, random length fields,
// inserted bytes). The decoder may only reject bytes with MalformedProto — never another exception —
// every scan ends, and what it keeps is bounded by the input. A sample also goes through the file reader.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EventDecoder, type EventSink } from '../../../../src/core/sources/tensorboard/events';
import { readHparams } from '../../../../src/core/sources/tensorboard/hparams';
import { scanRecords } from '../../../../src/core/sources/tensorboard/records';
import { TagTable } from '../../../../src/core/sources/tensorboard/tags';
import { DT_DOUBLE, DT_FLOAT, DT_HALF, DT_STRING } from '../../../../src/core/sources/tensorboard/tensor';
import { MalformedProto, WireReader } from '../../../../src/core/sources/tensorboard/wire';
import { maskedCrc32c } from '../../../../src/core/util/crc32c';
import { fixturesRoot } from '../../../support/fixtures';
import {
  flipBits,
  insertRandom,
  join,
  mutate,
  pick,
  rng,
  spliceWith,
  truncate,
  type Mutation,
  type Rand,
} from '../../../support/fuzz';
import { RunState } from '../../../../src/core/runs/runState';
import { tensorboardFormat } from '../../../../src/core/sources/tensorboard/format';
import { cleanTempDirs, EVENTS, readDir, runOf, tempDir, writeFile } from './helpers';
import {
  event,
  eventFile,
  fakePng,
  hparamsValue,
  le,
  legacyImageValue,
  metadata,
  scalarEvents,
  tensor,
  tensorValue,
} from './writer';

const IN_MEMORY_CASES = 10_000;
const FILE_CASES = 1500;
const SPLIT_CASES = 100;

function synthetic(): Uint8Array {
  const values = [
    tensorValue('t/f', tensor(DT_FLOAT).raw(4, le('f32', 0.5)), metadata('scalars')),
    tensorValue('t/d', tensor(DT_DOUBLE).raw(6, le('f64', 0.25)), metadata('scalars')),
    tensorValue('t/h', tensor(DT_HALF).uint(13, 0x3c00), metadata('scalars')),
    tensorValue('img', tensor(DT_STRING, [3]).string(8, '4').string(8, '4').raw(8, fakePng(30)), metadata('images')),
    tensorValue('txt', tensor(DT_STRING).string(8, 'hello'), metadata('text')),
    legacyImageValue('old', fakePng(20), 2, 2),
    hparamsValue({ lr: 0.1, name: 'x', flag: true }),
  ];
  return eventFile([
    ...scalarEvents('loss', [1, NaN, Infinity, 4]),
    event({ wallTime: 5, step: 5, values }),
    event({ wallTime: 6, step: -3, values }),
  ]);
}

function realSeeds(): Uint8Array[] {
  const root = fixturesRoot();
  if (!root) {
    return [];
  }
  const out: Uint8Array[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 8 || out.length >= 12) {
      return;
    }
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(p, depth + 1);
      } else if (entry.name.includes('tfevents') && fs.statSync(p).size < 120_000 && out.length < 12) {
        out.push(new Uint8Array(fs.readFileSync(p)));
      }
    }
  };
  walk(root, 0);
  return out;
}

/** A random 4-byte length field, with a matching length CRC half of the time (reaches the data checks). */
const randomLength: Mutation = (b, rand) => {
  if (b.length < 12) {
    return b;
  }
  const at = pick(rand, b.length - 11);
  const dv = new DataView(b.buffer, b.byteOffset);
  dv.setUint32(at, rand() < 0.5 ? pick(rand, 1 << 30) : pick(rand, b.length), true);
  dv.setUint32(at + 4, rand() < 0.9 ? 0 : pick(rand, 16), true);
  if (rand() < 0.5) {
    dv.setUint32(at + 8, maskedCrc32c(b, at, at + 8), true);
  }
  return b;
};

/** Re-frames a random slice as a record with valid CRCs, appended: garbage that passes every checksum. */
const reframedRecord: Mutation = (b, rand) => {
  if (b.length === 0) {
    return b;
  }
  const s = pick(rand, b.length);
  const data = b.slice(s, s + pick(rand, 64));
  const rec = new Uint8Array(16 + data.length);
  const dv = new DataView(rec.buffer);
  dv.setUint32(0, data.length, true);
  dv.setUint32(8, maskedCrc32c(rec, 0, 8), true);
  rec.set(data, 12);
  dv.setUint32(12 + data.length, maskedCrc32c(data), true);
  return join(b, rec);
};

function mutateEvents(seed: Uint8Array, other: Uint8Array, rand: Rand): Uint8Array {
  const menu = [flipBits, truncate, spliceWith(other), randomLength, insertRandom(16), reframedRecord];
  return mutate(seed, rand, menu, 1 + pick(rand, 3));
}

/** Runs the decoder like EventFile does, but fails on any exception that is not MalformedProto. */
function decodeAll(bytes: Uint8Array, verify: boolean): { points: number; records: number } {
  const tags = new TagTable();
  let current = bytes;
  const config = {};
  const sink: EventSink = {
    image(_e, _s, _w, start, end) {
      assert.ok(start >= 0 && end <= current.length && start <= end);
    },
    text() {},
    hparams(start, end) {
      readHparams(current, start, end, config);
    },
    wallTime() {},
  };
  const decoder = new EventDecoder(tags, sink);
  const reader = new WireReader(current);
  let records = 0;
  scanRecords(current, verify, (s, e) => {
    records++;
    try {
      decoder.decode(reader, s, e);
      return true;
    } catch (err) {
      if (err instanceof MalformedProto) {
        return false;
      }
      throw err;
    }
  });
  current = new Uint8Array(0);
  let points = 0;
  for (const entry of tags.entries()) {
    points += entry.take().steps.length;
  }
  return { points, records };
}

describe('tensorboard fuzz', function () {
  this.timeout(60_000);
  after(cleanTempDirs);
  const seeds = [synthetic(), ...realSeeds()];

  it(`${IN_MEMORY_CASES} mutated files: only MalformedProto, bounded output`, () => {
    const rand = rng(20261123);
    for (let i = 0; i < IN_MEMORY_CASES; i++) {
      const a = seeds[i % seeds.length];
      const bytes = mutateEvents(a, seeds[Math.floor(rand() * seeds.length)], rand);
      try {
        const { points, records } = decodeAll(bytes, i % 2 === 0);
        // A point needs a record of at least a few bytes: output never exceeds the input.
        assert.ok(records <= bytes.length / 16 + 1, `case ${i}: ${records} records from ${bytes.length} bytes`);
        assert.ok(points <= bytes.length, `case ${i}: ${points} points from ${bytes.length} bytes`);
      } catch (err) {
        assert.fail(`case ${i} (seed file ${i % seeds.length}, ${bytes.length} bytes): ${(err as Error).stack}`);
      }
    }
  });

  it(`${FILE_CASES} mutated files through the real reader: no throw, every problem a named error`, async () => {
    const rand = rng(7);
    const dir = tempDir('fuzz');
    const file = path.join(dir, EVENTS);
    for (let i = 0; i < FILE_CASES; i++) {
      const bytes = mutateEvents(seeds[i % seeds.length], seeds[Math.floor(rand() * seeds.length)], rand);
      fs.rmSync(file, { force: true });
      writeFile(dir, EVENTS, bytes);
      const state = await readDir(dir, { verify: i % 3 === 0 });
      for (const e of state.errors) {
        assert.match(e.code, /^[a-z-]+$/, `case ${i}: ${e.code}`);
      }
      for (const s of state.series.values()) {
        assert.ok(s.length <= bytes.length);
      }
      for (const img of state.images) {
        if (img.source.kind === 'embedded') {
          assert.ok(img.source.offset + img.source.length <= bytes.length);
        }
      }
    }
  });

  it(`${SPLIT_CASES} valid files written in random pieces read exactly like in one go`, async () => {
    const rand = rng(99);
    for (let i = 0; i < SPLIT_CASES; i++) {
      const bytes = seeds[i % seeds.length];
      const dir = tempDir('split');
      const whole = writeFile(dir, EVENTS, bytes);
      const once = await readDir(dir);
      fs.writeFileSync(whole, new Uint8Array(0));
      const run = runOf(dir);
      const state = new RunState(run);
      const reader = tensorboardFormat.createReader(run);
      let at = 0;
      while (at < bytes.length) {
        const next = Math.min(bytes.length, at + 1 + Math.floor(rand() * Math.max(300, bytes.length / 8)));
        fs.appendFileSync(whole, bytes.subarray(at, next));
        state.apply(await reader.poll());
        at = next;
      }
      state.apply(await reader.poll());
      reader.dispose?.();
      assert.deepEqual([...state.series.keys()].sort(), [...once.series.keys()].sort(), `case ${i}`);
      for (const [name, s] of once.series) {
        assert.deepEqual(state.series.get(name)?.stats(), s.stats(), `case ${i} ${name}`);
      }
      assert.deepEqual(state.errors, once.errors, `case ${i}`);
      assert.equal(state.images.length, once.images.length, `case ${i}`);
      fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true });
    }
  });
});
