import assert from 'node:assert/strict';
import { xOfStep } from '../../../src/webview/charts/chartData';
import {
  markerAt,
  markerAxisMax,
  placeCheckpoints,
  type MarkerState,
} from '../../../src/webview/charts/checkpointMarkers';
import { checkpointsOf } from '../../../src/webview/run/checkpoints';

const points = {
  steps: Float64Array.from([0, 10, 20, 30]),
  values: Float64Array.from([1, 1, 1, 1]),
  wallTimes: Float64Array.from([100, 110, 130, NaN]),
  length: 4,
};

describe('Run dashboard: checkpoint markers', () => {
  it('places a checkpoint at its step, or at the wall time of that step', () => {
    assert.equal(xOfStep(points, 20, 'step', 0), 20);
    assert.equal(xOfStep(points, 20, 'wall', 0), 130);
    assert.equal(xOfStep(points, 15, 'wall', 0), 120);
    assert.equal(xOfStep(points, 15, 'relative', 100), 20);
  });

  it('hides a checkpoint whose wall time is not known', () => {
    assert.equal(xOfStep(points, 30, 'wall', 0), undefined);
    assert.equal(xOfStep(points, 99, 'wall', 0), undefined);
    assert.equal(xOfStep({ ...points, steps: Float64Array.from([5, 10, 20, 30]) }, 1, 'wall', 0), undefined);
  });

  it('places markers per axis, leaving out those a log x axis cannot show', () => {
    const ckpts = [
      { step: 0, path: '/a', title: 'a', best: false },
      { step: 20, path: '/b', title: 'b', best: true },
    ];
    assert.deepEqual(
      placeCheckpoints(ckpts, points, 'step', 0, true).map((m) => [m.x, m.best]),
      [[20, true]],
    );
    assert.deepEqual(
      placeCheckpoints(ckpts, points, 'relative', 100, false).map((m) => m.x),
      [0, 30],
    );
  });

  it("places a checkpoint saved after the last log at its file's time on a time axis, not a copied file's", () => {
    const timed = { ...points, wallTimes: Float64Array.from([100, 110, 130, 140]) };
    const final = { step: 40, path: '/final', title: 'final', best: false, savedAt: 145 };
    const place = (c: typeof final, mode: 'step' | 'wall' | 'relative') =>
      placeCheckpoints([c], timed, mode, 100, false).map((m) => m.x);
    assert.deepEqual(place(final, 'wall'), [145]);
    assert.deepEqual(place(final, 'relative'), [45]);
    assert.deepEqual(place(final, 'step'), [40]);
    assert.deepEqual(place({ ...final, savedAt: 90 }, 'wall'), [], 'written before the last log: a copy');
    assert.deepEqual(place({ ...final, step: 20, savedAt: 999 }, 'wall'), [130], 'within the log: interpolated');
    assert.deepEqual(placeCheckpoints([final], points, 'wall', 0, false), [], "the last point's time is not known");
  });

  it('takes checkpoints with a step from the files list, the best flagged', () => {
    const marks = checkpointsOf([
      { path: '/r/a.ckpt', label: 'a.ckpt', kind: 'checkpoint', step: 100, detail: 'step 100', savedAt: 7 },
      { path: '/r/best', label: 'best', kind: 'checkpoint', step: 200, best: true },
      { path: '/r/last.ckpt', label: 'last.ckpt', kind: 'checkpoint' },
      { path: '/r/x.png', label: 'x.png', kind: 'image', step: 5 },
    ]);
    assert.deepEqual(marks, [
      { step: 100, path: '/r/a.ckpt', title: 'a.ckpt · step 100', best: false, savedAt: 7 },
      { step: 200, path: '/r/best', title: 'best', best: true },
    ]);
  });

  it('widens a step axis to a checkpoint saved shortly after the last log, not to a far-off one', () => {
    const at = (...xs: number[]) => xs.map((x) => ({ x, path: `/c${x}`, title: '', best: false }));
    assert.equal(markerAxisMax(at(50, 100), 0, 100), undefined, 'all within the data');
    assert.equal(markerAxisMax(at(50, 105, 120), 0, 100), 120, 'the last one within a quarter span');
    assert.equal(markerAxisMax(at(50, 500), 0, 100), undefined, 'a stray step far past the end');
    assert.equal(markerAxisMax(at(0.25), 0, 0), 0.25, 'a one-point series counts its span as one step');
    assert.equal(markerAxisMax(at(5), NaN, NaN), undefined);
  });

  it('hits the glyph nearest to the pointer, within a few pixels', () => {
    const a = { x: 10, path: '/a', title: 'a', best: false };
    const b = { x: 20, path: '/b', title: 'b', best: true };
    const state: MarkerState = {
      markers: [a, b],
      color: '',
      bestColor: '',
      onClick: () => undefined,
      onHover: () => undefined,
      drawn: [
        { x: 50, y: 10, marker: a },
        { x: 56, y: 10, marker: b },
      ],
    };
    assert.equal(markerAt(state, 51, 11), a);
    assert.equal(markerAt(state, 55, 9), b);
    assert.equal(markerAt(state, 80, 10), undefined);
  });
});
