import assert from 'node:assert/strict';
import { smoothEma } from '../../../src/shared/smoothing';

/** TensorBoard's own algorithm (tensorboard/webapp/widgets/line_chart_v2/lib/data_transformer.ts), restated. */
function tensorboardSmooth(values: number[], weight: number): number[] {
  let last = 0;
  let numAccum = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) {
      return v;
    }
    last = last * weight + (1 - weight) * v;
    numAccum++;
    return last / (1 - Math.pow(weight, numAccum));
  });
}

describe('smoothEma', () => {
  it('matches TensorBoard: debiased, no start-up bias toward 0', () => {
    const values = [10, 9, 8.5, 7, 7.2, 6, 5.5, 5, 4.8, 4.1];
    const ours = Array.from(smoothEma(values, 0.6));
    const theirs = tensorboardSmooth(values, 0.6);
    ours.forEach((v, i) => assert.ok(Math.abs(v - theirs[i]) < 1e-12, `${i}: ${v} vs ${theirs[i]}`));
    assert.equal(ours[0], 10, 'the first point is the first value');
  });

  it('passes NaN/Inf through without poisoning later points', () => {
    const out = smoothEma([1, NaN, 1, Infinity, 1], 0.9);
    assert.ok(Number.isNaN(out[1]));
    assert.equal(out[3], Infinity);
    assert.ok(Math.abs(out[4] - 1) < 1e-12);
  });

  it('leaves a constant series exactly as it is (no rounding noise)', () => {
    const lr = new Array(50).fill(2.5e-4);
    assert.deepEqual(Array.from(smoothEma(lr, 0.9)), lr);
  });

  it('is the identity at weight 0', () => {
    assert.deepEqual(Array.from(smoothEma([3, 1, 2], 0)), [3, 1, 2]);
  });
});
