import assert from 'node:assert/strict';
import type { HistogramDto } from '../../../src/shared/runProtocol';
import {
  DISTRIBUTION_BPS,
  distributionBands,
  ridgeRows,
  valueAtBasisPoint,
} from '../../../src/webview/run/histogramMath';

const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);

describe('Run dashboard: histogram percentiles', () => {
  it('interpolates within equal-width bins', () => {
    // 4 bins over [0, 4], counts 1,1,1,1: uniform, so bp/10000 of the way is the value.
    const counts = [1, 1, 1, 1];
    near(valueAtBasisPoint(counts, 0, 4, 0, 4, 5000), 2);
    near(valueAtBasisPoint(counts, 0, 4, 0, 4, 2500), 1);
    near(valueAtBasisPoint(counts, 0, 4, 0, 4, 1587), 0.6348);
  });

  it('takes 0 and 100 from the first and last non-empty bins', () => {
    const counts = [0, 2, 6, 0];
    near(valueAtBasisPoint(counts, 0, 4, 0, 4, 0), 1);
    near(valueAtBasisPoint(counts, 0, 4, 0, 4, 10000), 3);
    // Median: 4 of 8 counts; bin 1 holds 2, the other 2 are a third into bin 2.
    near(valueAtBasisPoint(counts, 0, 4, 0, 4, 5000), 2 + 1 / 3);
    assert.ok(Number.isNaN(valueAtBasisPoint([0, 0], 0, 2, 0, 1, 5000)));
  });

  it('gives nine ordered bands per step, and ridge rows of the last 50 steps', () => {
    const steps = Array.from({ length: 60 }, (_, i) => i);
    const counts = new Float64Array(60 * 10);
    steps.forEach((_, row) => counts.set([0, 1, 3, 6, 10, 10, 6, 3, 1, 0], row * 10));
    const h: HistogramDto = { tag: 't', min: -1, max: 1, bins: 10, steps, wallTimes: steps.map(() => NaN), counts };
    const bands = distributionBands(h);
    assert.equal(bands.length, DISTRIBUTION_BPS.length);
    for (let k = 1; k < bands.length; k++) {
      assert.ok(bands[k][0] >= bands[k - 1][0]);
    }
    near(bands[4][59], 0);
    assert.deepEqual(
      ridgeRows(h),
      Array.from({ length: 50 }, (_, i) => 10 + i),
    );
  });
});
