import assert from 'node:assert/strict';
import { buildChartSeries, positiveX, robustRange } from '../../../src/webview/charts/chartData';

function points(steps: number[], values: number[], wallTimes: number[] = steps.map(() => NaN)) {
  return {
    steps: Float64Array.from(steps),
    values: Float64Array.from(values),
    wallTimes: Float64Array.from(wallTimes),
    length: steps.length,
  };
}

describe('Dashboard chart data', () => {
  it('turns NaN and ±Inf into gaps with a marker at the last finite height, never dropping them', () => {
    const s = buildChartSeries(points([0, 1, 2, 3, 4], [1, NaN, 0.5, Infinity, -Infinity]), 'step', 0, 0);
    assert.deepEqual(
      s.raw.map((p) => [p.x, p.y]),
      [
        [0, 1],
        [1, NaN],
        [2, 0.5],
        [3, NaN],
        [4, NaN],
      ],
    );
    assert.deepEqual(
      s.markers.map((p) => [p.x, p.y]),
      [
        [1, 1],
        [3, 0.5],
        [4, 0.5],
      ],
    );
    assert.deepEqual(s.markerValues, [NaN, Infinity, -Infinity]);
    assert.ok(Number.isNaN(s.smoothed[1].y), 'the smoothed line has the same gap');
  });

  it('puts a NaN before any finite value at height 0', () => {
    const s = buildChartSeries(points([0, 1], [NaN, 2]), 'step', 0, 0);
    assert.deepEqual(s.markers, [{ x: 0, y: 0 }]);
  });

  it('places points by step, wall time or time since the start; says when the format has no times', () => {
    const p = points([10, 20], [1, 2], [1000, 1060]);
    assert.deepEqual(
      buildChartSeries(p, 'relative', 0, 1000).raw.map((q) => q.x),
      [0, 60],
    );
    assert.deepEqual(
      buildChartSeries(p, 'wall', 0, 0).raw.map((q) => q.x),
      [1000, 1060],
    );
    const untimed = buildChartSeries(points([1, 2], [1, 2]), 'wall', 0, 0);
    assert.equal(untimed.raw.length, 0);
    assert.equal(untimed.noWallTime, true);
  });

  it('smooths with the debiased EMA: no smoothing is the raw line', () => {
    const s = buildChartSeries(points([0, 1, 2], [3, 1, 2]), 'step', 0, 0);
    assert.deepEqual(
      s.smoothed.map((q) => q.y),
      [3, 1, 2],
    );
    const smoothed = buildChartSeries(points([0, 1, 2], [3, 1, 2]), 'step', 0.6, 0).smoothed.map((q) => q.y);
    assert.ok(Math.abs(smoothed[0] - 3) < 1e-12, 'debiased: the first point is its own value');
    assert.ok(smoothed[1] > 1 && smoothed[1] < 3);
  });

  it('leaves x ≤ 0 out of a log x axis, and outliers out of the robust y range', () => {
    assert.deepEqual(
      positiveX([
        { x: 0, y: 1 },
        { x: 1, y: 2 },
      ]),
      [{ x: 1, y: 2 }],
    );
    const values = Array.from({ length: 200 }, (_, i) => (i === 100 ? 1e6 : i % 10));
    const range = robustRange(
      points(
        values.map((_, i) => i),
        values,
      ),
    );
    assert.ok(range && range.max < 100, JSON.stringify(range));
  });
});
