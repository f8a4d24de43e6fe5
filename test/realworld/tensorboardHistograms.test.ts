// Real event files with histograms: legacy `histo` (PyTorch, tensorboardX, YOLOv5) and TF2/Keras
// `histograms` tensors. expected-tensorboard.json lists scalars only, so the reference here is what
// TensorBoard's own reader (plugin_event_accumulator, which converts legacy histo to [k,3] as
// data_compat.py does) gave for these files: steps, bucket count k of the first snapshot, total count
// of the first and last snapshot, and the last snapshot's outer edges (float32 there, hence the tolerance).
import assert from 'node:assert/strict';
import path from 'node:path';
import type { HistogramSnapshot } from '../../src/core/runs/model';
import { runId } from '../../src/core/runs/model';
import { readRunOnce } from '../../src/core/runs/readOnce';
import { histogramCount } from '../../src/core/sources/histogramLayout';
import { tensorboardFormat } from '../../src/core/sources/tensorboard/format';
import { requireFixtures } from '../support/fixtures';

type Expected = [
  dir: string,
  tag: string,
  steps: number[],
  k: number,
  first: number,
  last: number,
  min: number,
  max: number,
];

const upTo = (n: number, every = 1): number[] => Array.from({ length: n }, (_, i) => i * every);
const HYO = 'tensorboard/hyoungsungkim-pytorch-tb-tutorial/histogram/hist';
const KERAS = 'generated/keras_logs/dense-classifier/train';
const YOLO = 'ultralytics/ssong86-yolov5-legacy-results-txt/runs/train';

const EXPECTED: Expected[] = [
  [HYO, 'hist-numpy', upTo(5), 607, 1000, 1000, -14.186203002929688, 14.922405242919922],
  [HYO, 'hist-torch', upTo(5), 608, 1000, 1000, -13.822505950927734, 16.84531021118164],
  [KERAS, 'sequential/dense/kernel/histogram', upTo(12), 30, 128, 128, -0.8616994619369507, 1.060246467590332],
  [KERAS, 'sequential/dense/bias/histogram', upTo(12), 30, 16, 16, -0.20030127465724945, 0.5127514600753784],
  [KERAS, 'sequential/dense_1/kernel/histogram', upTo(12), 30, 16, 16, -0.8792539238929749, 1.0638582706451416],
  [KERAS, 'sequential/dense_1/bias/histogram', upTo(12), 30, 1, 1, -0.24610330164432526, -0.24610330164432526],
  ['generated/runs/mlp-sgd', 'weights/fc1', upTo(3, 50), 603, 500, 500, -6.370266437530518, 7.00113582611084],
  ['generated/tbx_runs/lstm', 'grad', upTo(10, 20), 603, 200, 200, -2.6226398944854736, 3.0360093116760254],
  [
    'generated/tf_logs/tf2-custom-loop',
    'activations',
    upTo(3, 40),
    30,
    300,
    300,
    -2.586589586222547,
    3.692210082856903,
  ],
  [`${YOLO}/exp`, 'classes', [0], 291, 428, 428, 0, 1],
  [`${YOLO}/exp3`, 'classes', [0], 291, 428, 428, 0, 1],
];

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);
}

/** Every bucket has left ≤ right, the buckets follow each other, counts are finite and not negative. */
function assertWellFormed(h: HistogramSnapshot, what: string): void {
  const b = h.buckets;
  assert.equal(b.length % 3, 0, what);
  for (let i = 0; i < b.length; i += 3) {
    assert.ok(b[i] <= b[i + 1], `${what}: bucket ${i / 3} backwards`);
    assert.ok(Number.isFinite(b[i + 2]) && b[i + 2] >= 0, `${what}: count ${b[i + 2]}`);
    if (i > 0) {
      close(b[i], b[i - 2], `${what}: bucket ${i / 3} left edge`);
    }
  }
}

describe('real-world TensorBoard histograms', function () {
  let root = '';
  before(function () {
    root = requireFixtures(this);
  });

  for (const [rel, tag, steps, k, first, last, min, max] of EXPECTED) {
    it(`${rel}: ${tag}`, async () => {
      const dir = path.join(root, rel);
      const run = { id: runId('tensorboard', dir), format: 'tensorboard' as const, dir, project: 'p', name: 'r' };
      const state = await readRunOnce(tensorboardFormat, run);
      assert.deepEqual(state.errors, []);
      const list = state.histograms.get(tag);
      assert.ok(list, `no histograms for ${tag}: ${[...state.histograms.keys()].join(', ')}`);
      assert.equal(state.series.has(tag), false, 'a histogram tag is not a series');
      assert.deepEqual(
        list.map((h) => h.step),
        steps,
      );
      assert.equal(list[0].buckets.length / 3, k);
      assert.equal(histogramCount(list[0].buckets), first);
      const end = list[list.length - 1];
      assert.equal(histogramCount(end.buckets), last);
      close(end.buckets[0], min, 'min');
      close(end.buckets[end.buckets.length - 2], max, 'max');
      list.forEach((h, i) => assertWellFormed(h, `${tag}@${i}`));
    });
  }
});
