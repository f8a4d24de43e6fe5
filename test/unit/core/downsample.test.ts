import assert from 'node:assert/strict';
import { decimateMinMax } from '../../../src/core/series/downsample';

function series(n: number, f: (i: number) => number): { xs: Float64Array; ys: Float64Array } {
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = i;
    ys[i] = f(i);
  }
  return { xs, ys };
}

describe('decimateMinMax', () => {
  it('keeps every point when there are few', () => {
    const { xs, ys } = series(100, (i) => i);
    const d = decimateMinMax(xs, ys, 100);
    assert.equal(d.full, true);
    assert.equal(d.indexes.length, 100);
  });

  it('never hides a spike', () => {
    const { xs, ys } = series(1_000_000, (i) => (i === 123_457 ? 1e6 : Math.sin(i / 1000)));
    const d = decimateMinMax(xs, ys, 500);
    assert.equal(d.full, false);
    assert.ok(d.indexes.length <= 500 * 4 + 10, `${d.indexes.length} points`);
    assert.ok(Array.from(d.indexes).includes(123_457), 'the spike is kept');
    const kept = Array.from(d.indexes, (i) => ys[i]);
    assert.equal(Math.max(...kept), 1e6);
    let trueMin = Infinity;
    for (const y of ys) {
      trueMin = Math.min(trueMin, y);
    }
    assert.equal(Math.min(...kept), trueMin);
  });

  it('keeps a spike that follows a NaN in the same bucket', () => {
    const { xs, ys } = series(100_000, (i) => (i === 5020 ? NaN : i === 5050 ? 100 : 1));
    const kept = Array.from(decimateMinMax(xs, ys, 100).indexes);
    assert.ok(kept.includes(5020), 'the NaN marker');
    assert.ok(kept.includes(5050), 'the spike after it');
  });

  it('keeps NaN and ±Inf points as markers', () => {
    const { xs, ys } = series(100_000, (i) => (i === 500 ? NaN : i === 900 ? Infinity : 1));
    const d = decimateMinMax(xs, ys, 100);
    assert.ok(Array.from(d.indexes).includes(500));
    assert.ok(Array.from(d.indexes).includes(900));
  });

  it('returns a window at full resolution when zoomed in', () => {
    const { xs, ys } = series(1_000_000, (i) => i % 7);
    const d = decimateMinMax(xs, ys, 1000, 5000, 5999);
    assert.equal(d.full, true);
    assert.equal(xs[d.indexes[0]], 4999, 'one point before the window');
    assert.equal(xs[d.indexes[d.indexes.length - 1]], 6000, 'one point after the window');
    assert.equal(d.indexes.length, 1002);
  });

  it('keeps indexes ascending', () => {
    const { xs, ys } = series(50_000, (i) => Math.cos(i));
    const d = decimateMinMax(xs, ys, 100);
    for (let i = 1; i < d.indexes.length; i++) {
      assert.ok(d.indexes[i] > d.indexes[i - 1]);
    }
  });
});
