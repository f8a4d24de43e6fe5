// The byte-level history fast path must give exactly what the general decoder gives, or step aside.
import assert from 'node:assert/strict';
import { PointCollector } from '../../../../src/core/series/series';
import { applyHistoryRecord, type HistorySink } from '../../../../src/core/sources/wandb/history';
import { HistoryFastPath } from '../../../../src/core/sources/wandb/historyBytes';
import { decodeRecord } from '../../../../src/core/sources/wandb/records';
import { insertRandom, mutate, pick, randomBytes, rng, truncate, type Rand } from '../../../support/fuzz';
import { coreHistory, historyRecord, summaryRecord, type Item } from './writer';

function sink(): HistorySink & { bad: number } {
  const s = {
    points: new PointCollector(),
    images: [],
    bad: 0,
    wallTime: NaN,
    badValue: () => {
      s.bad++;
    },
  };
  return s;
}

const VALUES = [
  '1',
  '-2.5',
  '0.36787944117144233',
  '1e-7',
  'NaN',
  'Infinity',
  '-Infinity',
  '"text"',
  '{"a": 1}',
  '1 ',
  'x',
];

function randomItems(rand: Rand): Item[] {
  const items: Item[] = [];
  for (let i = pick(rand, 8); i > 0; i--) {
    const name = ['loss', 'train/acc', '_step', '_timestamp', '_runtime', '', 'émoji✓'][pick(rand, 7)];
    const json = rand() < 0.5 ? String(rand() * 10 ** pick(rand, 6)) : VALUES[pick(rand, VALUES.length)];
    const shape = pick(rand, 6);
    items.push(
      shape === 0 ? { key: name, json } : shape === 1 ? { nested: [name, 'b'], json } : { nested: [name], json },
    );
  }
  return items;
}

/** The general path's result for a record payload, or 'not-history' / 'throws'. */
function general(payload: Uint8Array, fallback: number): { step: number; s: ReturnType<typeof sink> } | string {
  const s = sink();
  try {
    const rec = decodeRecord(payload);
    if (rec?.type !== 'history') {
      return 'not-history';
    }
    return { step: applyHistoryRecord(rec.history, '/files', fallback, s), s };
  } catch {
    return 'throws';
  }
}

describe('wandb history fast path', () => {
  it('matches the general decoder on random and mutated history records, or declines them', () => {
    const rand = rng(5);
    const fast = new HistoryFastPath();
    let taken = 0;
    let declined = 0;
    for (let c = 0; c < 20_000; c++) {
      const items = randomItems(rand);
      let payload: Uint8Array =
        c % 5 === 0
          ? coreHistory(c, { loss: rand(), acc: 'NaN' }, 1e9 + c / 100)
          : c % 17 === 0
            ? summaryRecord(items)
            : historyRecord(items, rand() < 0.5 ? pick(rand, 1000) : undefined);
      if (c % 3 === 0) {
        payload = mutate(payload, rand, [randomBytes, truncate, insertRandom(6)]);
      }
      const buf = Buffer.concat([Buffer.from([7, 7]), payload]); // at an offset, as in a scanner block
      const s = sink();
      s.wallTime = 5;
      const step = fast.apply(buf, 2, buf.length, 42, s);
      if (step === undefined) {
        declined++;
        continue;
      }
      taken++;
      const want = general(payload, 42);
      assert.ok(typeof want !== 'string', `case ${c}: fast path took a record the general path calls ${String(want)}`);
      assert.equal(want.s.bad, 0, `case ${c}: the general path reports a bad value`);
      assert.ok(Object.is(step, want.step), `case ${c}: step ${step} vs ${want.step}`);
      const wantTime = Number.isNaN(want.s.wallTime) ? 5 : want.s.wallTime;
      assert.ok(Object.is(s.wallTime, wantTime), `case ${c}: wall time`);
      assert.deepEqual(s.points.take(), want.s.points.take(), `case ${c}: points`);
    }
    assert.ok(taken > 5000 && declined > 2000, `taken ${taken}, declined ${declined}`);
  });
});
