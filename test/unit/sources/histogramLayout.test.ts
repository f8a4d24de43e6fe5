import assert from 'node:assert/strict';
import {
  histogramCount,
  legacyHistogramToBuckets,
  wandbHistogramToBuckets,
} from '../../../src/core/sources/histogramLayout';

const rows = (b: Float64Array | undefined): number[][] =>
  b ? Array.from({ length: b.length / 3 }, (_, i) => [b[3 * i], b[3 * i + 1], b[3 * i + 2]]) : [];
const DBL_MAX = Number.MAX_VALUE;

describe('histogram layouts → [k,3]', () => {
  describe('legacy HistogramProto', () => {
    it('PyTorch layout: the leading empty bucket goes, min and max are the outer edges', () => {
      const b = legacyHistogramToBuckets(0.1, 2.9, [0.1, 1, 2, 2.9], [0, 4, 1, 5]);
      assert.deepEqual(rows(b), [
        [0.1, 1, 4],
        [1, 2, 1],
        [2, 2.9, 5],
      ]);
      assert.equal(histogramCount(b), 10);
    });

    it('TF1 default limits: ±DBL_MAX end buckets dropped, empty buckets inside kept', () => {
      const b = legacyHistogramToBuckets(-0.5, 0.7, [-DBL_MAX, -1, 0, 0.5, 1, DBL_MAX], [0, 0, 3, 0, 2, 0]);
      assert.deepEqual(rows(b), [
        [-0.5, 0, 3],
        [0, 0.5, 0],
        [0.5, 0.7, 2],
      ]);
    });

    it('one bucket: [min, max]; all empty: k = 0', () => {
      assert.deepEqual(rows(legacyHistogramToBuckets(4, 4, [-DBL_MAX, 4.1, DBL_MAX], [0, 2, 0])), [[4, 4, 2]]);
      assert.equal(legacyHistogramToBuckets(DBL_MAX, -DBL_MAX, [0, DBL_MAX], [0, 0]).length, 0);
      assert.equal(legacyHistogramToBuckets(0, 0, [], []).length, 0);
    });

    it('unusable min/max (missing, backwards, ±Inf, ±DBL_MAX) fall back to the bucket limits', () => {
      // min 0 (left out by a writer) above the first right edge; max below the last left edge.
      assert.deepEqual(rows(legacyHistogramToBuckets(0, -5, [-3, -2, -1], [1, 1, 1])), [
        [-3, -3, 1],
        [-3, -2, 1],
        [-2, -1, 1],
      ]);
      // ±Inf min/max (the values held ±Inf) never become edges, nor the ±DBL_MAX limits beside them.
      assert.deepEqual(rows(legacyHistogramToBuckets(-Infinity, Infinity, [-DBL_MAX, 1, 2, DBL_MAX], [0, 1, 1, 0])), [
        [1, 1, 1],
        [1, 2, 1],
      ]);
    });

    it('limits and counts of different lengths: the common prefix', () => {
      assert.deepEqual(rows(legacyHistogramToBuckets(0, 2, [1, 2, 3], [1, 1])), [
        [0, 1, 1],
        [1, 2, 1],
      ]);
    });
  });

  describe('W&B histogram', () => {
    it('bins (k+1 edges) and values (k counts)', () => {
      const b = wandbHistogramToBuckets({ _type: 'histogram', bins: [0, 0.5, 1, 2], values: [3, 0, 1] });
      assert.deepEqual(rows(b), [
        [0, 0.5, 3],
        [0.5, 1, 0],
        [1, 2, 1],
      ]);
    });

    it('packedBins {min, size, count}', () => {
      const b = wandbHistogramToBuckets({
        _type: 'histogram',
        packedBins: { min: -1, size: 0.5, count: 4 },
        values: [1, 2, 3, 4],
      });
      assert.deepEqual(rows(b), [
        [-1, -0.5, 1],
        [-0.5, 0, 2],
        [0, 0.5, 3],
        [0.5, 1, 4],
      ]);
    });

    it('not a histogram: undefined', () => {
      assert.equal(wandbHistogramToBuckets({ _type: 'image-file', bins: [0, 1], values: [1] }), undefined);
      assert.equal(wandbHistogramToBuckets({ _type: 'histogram', bins: [0, 1, 2], values: [1] }), undefined);
      assert.equal(wandbHistogramToBuckets({ _type: 'histogram', bins: [0, '1'], values: [1] }), undefined);
      assert.equal(wandbHistogramToBuckets({ _type: 'histogram', values: [1] }), undefined);
      assert.equal(
        wandbHistogramToBuckets({ _type: 'histogram', packedBins: { min: 0, size: 1, count: -1 }, values: [] }),
        undefined,
      );
    });

    it('a packedBins count from a hostile file allocates nothing and gives undefined', () => {
      for (const count of [3e9, Infinity, NaN, 2.5, 3]) {
        assert.equal(
          wandbHistogramToBuckets({ _type: 'histogram', packedBins: { min: 0, size: 1, count }, values: [1, 2] }),
          undefined,
          String(count),
        );
      }
      assert.equal(
        wandbHistogramToBuckets({
          _type: 'histogram',
          packedBins: { min: Infinity, size: 1, count: 2 },
          values: [1, 2],
        }),
        undefined,
      );
    });
  });
});
