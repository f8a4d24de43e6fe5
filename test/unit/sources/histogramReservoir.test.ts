import assert from 'node:assert/strict';
import type { HistogramSnapshot } from '../../../src/core/runs/model';
import { HistogramSampler, thinHistograms } from '../../../src/core/sources/histogramReservoir';

const snap = (step: number): HistogramSnapshot => ({ step, wallTime: NaN, buckets: new Float64Array(0) });
const steps = (list: HistogramSnapshot[]): number[] => list.map((s) => s.step);

describe('histogram reservoir', () => {
  it('emits everything while under the cap', () => {
    const s = new HistogramSampler(4);
    [0, 1, 2].forEach((i) => s.offer(snap(i)));
    assert.deepEqual(steps(s.take()), [0, 1, 2]);
    assert.deepEqual(s.take(), [], 'nothing new, nothing emitted');
  });

  it('doubles the stride when full, within one take: evenly spaced, never more than cap + 1', () => {
    const s = new HistogramSampler(4);
    for (let i = 0; i < 10; i++) {
      s.offer(snap(i));
    }
    // Multiples of 1 → 5 > 4 at n=4 (stride 2); multiples of 2 → 5 > 4 at n=8 (stride 4): 0, 4, 8 and the latest.
    assert.deepEqual(steps(s.take()), [0, 4, 8, 9]);
  });

  it('across takes: on-stride snapshots, plus the latest when it is off the stride', () => {
    const s = new HistogramSampler(4);
    const out: number[] = [];
    for (let i = 0; i < 12; i++) {
      s.offer(snap(i));
      out.push(...steps(s.take()));
    }
    assert.deepEqual(out, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 'each take ends with its latest');
    const t = new HistogramSampler(4);
    const batches: number[][] = [];
    for (let b = 0; b < 4; b++) {
      for (let i = 0; i < 5; i++) {
        t.offer(snap(b * 5 + i));
      }
      batches.push(steps(t.take()));
    }
    // Batch 1 fills the cap at 4 (stride 2); batch 2 at 8 (stride 4); batch 4 at 16 (stride 8).
    assert.deepEqual(batches, [
      [0, 2, 4],
      [8, 9],
      [12, 14],
      [16, 19],
    ]);
  });

  it('is deterministic: the same stream gives the same picks', () => {
    const run = (): number[] => {
      const s = new HistogramSampler(50);
      for (let i = 0; i < 5000; i++) {
        s.offer(snap(i * 3));
      }
      return steps(s.take());
    };
    assert.deepEqual(run(), run());
    assert.ok(run().length <= 51);
  });

  it('thinHistograms halves in place, keeping the first and the latest, until under the cap', () => {
    const list = Array.from({ length: 11 }, (_, i) => snap(i));
    assert.equal(thinHistograms(list, 5), true);
    assert.deepEqual(steps(list), [0, 4, 8, 10]);
    assert.equal(thinHistograms(list, 5), false);
    const even = Array.from({ length: 6 }, (_, i) => snap(i));
    thinHistograms(even, 5);
    assert.deepEqual(steps(even), [0, 2, 4, 5]);
  });
});
