import assert from 'node:assert/strict';
import { Series, batchOf } from '../../../src/core/series/series';

describe('Series', () => {
  it('grows past its capacity and keeps NaN/Inf', () => {
    const s = new Series('loss');
    for (let i = 0; i < 1000; i++) {
      s.push(i, i === 5 ? NaN : i === 6 ? Infinity : -i);
    }
    assert.equal(s.length, 1000);
    const st = s.stats();
    assert.deepEqual(st.first, [0, -0]);
    assert.equal(st.max, Infinity);
    assert.equal(st.maxStep, 6);
    assert.equal(st.min, -999);
    assert.ok(Number.isNaN(s.values[5]));
  });

  it('appends batches', () => {
    const s = new Series('x');
    s.append(batchOf([1, 2], [3, 4]));
    s.append(batchOf([3], [NaN]));
    assert.equal(s.length, 3);
    assert.deepEqual(s.stats().last, [3, NaN]);
    assert.equal(s.stats().min, 3);
  });

  it('has no min/max when every value is NaN', () => {
    const s = new Series('x');
    s.push(0, NaN);
    assert.equal(s.stats().min, undefined);
  });
});
