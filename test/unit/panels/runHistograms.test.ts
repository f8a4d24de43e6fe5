import assert from 'node:assert/strict';
import type { HistogramSnapshot } from '../../../src/core/runs/model';
import { RunState } from '../../../src/core/runs/runState';
import { RunHistogramFeed } from '../../../src/extension/panels/runHistogramFeed';
import {
  bucketRange,
  histogramDto,
  histogramDtos,
  rebin,
  sampleIndexes,
} from '../../../src/extension/panels/runHistograms';

const buckets = (...rows: [number, number, number][]) => Float64Array.from(rows.flat());
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

describe('Run dashboard: histogram DTOs', () => {
  it('samples at most max indexes evenly, with the first and the last', () => {
    assert.deepEqual(sampleIndexes(5, 100), [0, 1, 2, 3, 4]);
    const picked = sampleIndexes(1000, 100);
    assert.equal(picked.length, 100);
    assert.equal(picked[0], 0);
    assert.equal(picked[99], 999);
    assert.ok(picked.every((v, i) => i === 0 || v > picked[i - 1]));
  });

  it('re-bins counts in proportion to the overlap, keeping the total', () => {
    // One bucket [0, 2) of 10 over bins of width 1 over [0, 4): 5 + 5.
    assert.deepEqual([...rebin(buckets([0, 2, 10]), 0, 4, 4)], [5, 5, 0, 0]);
    // A bucket [0.5, 1.5) of 4 straddles bins 0 and 1 equally.
    assert.deepEqual([...rebin(buckets([0.5, 1.5, 4]), 0, 4, 4)], [2, 2, 0, 0]);
    const src = buckets([-3, -1, 7], [-1, 0.2, 11], [0.2, 2.9, 5], [2.9, 3, 1]);
    const out = rebin(src, -3, 3, 30);
    assert.equal(out.length, 30);
    assert.ok(Math.abs(sum(out) - 24) < 1e-9);
  });

  it('puts a zero-width bucket in the bin of its value, the right edge in the last bin', () => {
    assert.deepEqual([...rebin(buckets([1, 1, 3], [4, 4, 2]), 0, 4, 4)], [0, 3, 0, 2]);
  });

  it('ignores empty buckets and TF1 ±DBL_MAX outer edges for the range', () => {
    const b = buckets([-1.7976931348623157e308, -2, 0], [-2, 1, 5], [1, 1.7976931348623157e308, 2]);
    assert.deepEqual(bucketRange(b), { min: -2, max: 1 });
  });

  it('builds a compact DTO: ≤ 100 steps (the last kept) × 30 bins over the global range', () => {
    const snaps: HistogramSnapshot[] = Array.from({ length: 250 }, (_, i) => ({
      step: i * 10,
      wallTime: 1000 + i,
      buckets: buckets([-1 - i / 100, 0, 50], [0, 1 + i / 100, 50]),
    }));
    const dto = histogramDto('w', snaps);
    assert.ok(dto);
    assert.equal(dto.steps.length, 100);
    assert.equal(dto.steps[99], 2490);
    assert.equal(dto.wallTimes[99], 1249);
    assert.equal(dto.bins, 30);
    assert.equal(dto.counts.length, 100 * 30);
    assert.equal(dto.min, -3.49);
    assert.equal(dto.max, 3.49);
    for (let row = 0; row < 100; row++) {
      assert.ok(Math.abs(sum(dto.counts.subarray(row * 30, row * 30 + 30)) - 100) < 1e-9);
    }
  });

  it('widens a constant histogram into a range, and skips tags with no counts', () => {
    const dto = histogramDto('bias', [{ step: 0, wallTime: NaN, buckets: buckets([0.5, 0.5, 8]) }]);
    assert.ok(dto && dto.min < 0.5 && dto.max > 0.5);
    assert.equal(sum(dto.counts), 8);
    const map = new Map<string, HistogramSnapshot[]>([
      ['b', [{ step: 0, wallTime: 0, buckets: buckets([0, 1, 1]) }]],
      ['a', [{ step: 0, wallTime: 0, buckets: buckets([0, 1, 0]) }]],
    ]);
    assert.deepEqual(
      histogramDtos(map).map((h) => h.tag),
      ['b'],
    );
  });
});

describe('Run dashboard: histogram updates', () => {
  it('coalesces changed tags into one update of those tags only', async () => {
    const run = new RunState({ id: 'tensorboard:/r', format: 'tensorboard', dir: '/r', project: 'p', name: 'r' });
    const snap = (step: number) => ({ step, wallTime: NaN, buckets: buckets([0, 1, step + 1]) });
    run.apply({
      histograms: new Map([
        ['a', [snap(0)]],
        ['b', [snap(0)]],
        ['c', [snap(0)]],
      ]),
    });
    const posted: string[][] = [];
    const feed = new RunHistogramFeed(
      () => run,
      (h) => posted.push(h.map((x) => x.tag)),
    );
    feed.changed(['b']);
    feed.changed(['a', 'b']);
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(posted, [['a', 'b']]);
    feed.changed(['c']);
    feed.clear();
    feed.dispose();
    assert.deepEqual(posted, [['a', 'b']], 'a snapshot (clear) drops what was pending');
  });
});
