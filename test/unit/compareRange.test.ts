import assert from 'node:assert/strict';
import { RunState } from '../../src/core/runs/runState';
import { Series } from '../../src/core/series/series';
import { PendingAppends } from '../../src/extension/panels/compareAppends';
import { compareRunDtos, compareSnapshot } from '../../src/extension/panels/compareDtos';
import { compareRange, type CompareRangeRequest } from '../../src/extension/panels/compareRange';

function makeRun(project: string, points: number, start: number): RunState {
  const run = new RunState({
    id: `csv:/w/${project}/version_0`,
    format: 'lightning',
    dir: `/w/${project}/version_0`,
    project,
    name: 'version_0',
  });
  const s = new Series('loss');
  for (let i = 0; i < points; i++) {
    s.push(i, Math.sin(i / 50) + (i % 7) / 10, start + i);
  }
  run.series.set('loss', s);
  run.startTime = start;
  return run;
}

const request = (over: Partial<CompareRangeRequest>): CompareRangeRequest => ({
  type: 'requestRange',
  requestId: 1,
  metric: 'loss',
  runIds: [],
  xAxis: 'step',
  xMin: 0,
  xMax: 0,
  buckets: 1000,
  ...over,
});

describe('Compare: full-resolution ranges on the host', () => {
  const a = makeRun('projA', 20_000, 1000);
  const b = makeRun('projB', 20_000, 5000);

  it('the snapshot decimates 20k-point runs and labels same-named runs apart', () => {
    const snap = compareSnapshot([a, b], new Map(), []);
    assert.equal(snap.data.length, 2);
    for (const d of snap.data) {
      assert.equal(d.full, false);
      assert.ok(d.steps.length <= 4000, `${d.steps.length} overview points`);
    }
    assert.deepEqual(
      snap.runs.map((r) => r.label),
      ['version_0 (projA)', 'version_0 (projB)'],
    );
  });

  it('answers every point of each asked run inside the step window (plus one either side)', () => {
    const data = compareRange([a, b], request({ runIds: [a.id, b.id], xMin: 5000, xMax: 7999 }));
    assert.deepEqual(
      data.map((d) => d.runId),
      [a.id, b.id],
    );
    for (const d of data) {
      assert.equal(d.full, true);
      assert.equal(d.steps.length, 3000 + 2);
      assert.equal(d.steps[1], 5000);
      assert.equal(d.steps[d.steps.length - 2], 7999);
    }
  });

  it('decimates a window too wide for the buckets asked, and skips runs not asked or lacking the metric', () => {
    const data = compareRange([a, b], request({ runIds: [b.id, 'other'], xMin: 0, xMax: 19_999, buckets: 100 }));
    assert.equal(data.length, 1);
    assert.equal(data[0].runId, b.id);
    assert.equal(data[0].full, false);
    assert.ok(data[0].steps.length <= 400);
    assert.deepEqual(compareRange([a], request({ runIds: [a.id], metric: 'acc', xMax: 10 })), []);
  });

  it('takes relative windows from each run’s own start', () => {
    const dtos = compareRunDtos([a, b], new Map());
    assert.deepEqual(
      dtos.map((d) => d.startTime),
      [1000, 5000],
    );
    const data = compareRange([a, b], request({ runIds: [a.id, b.id], xAxis: 'relative', xMin: 100, xMax: 199 }));
    for (const d of data) {
      assert.equal(d.steps[1], 100, 'the same steps for both: each run started at step 0');
      assert.equal(d.steps.length, 102);
    }
  });

  it('takes wall-time windows as they are (the same clock for every run)', () => {
    const data = compareRange([a, b], request({ runIds: [a.id, b.id], xAxis: 'wall', xMin: 5100, xMax: 5199 }));
    const [fromA, fromB] = data;
    assert.equal(fromA.steps[1], 4100, 'run a started at 1000: wall 5100 is its step 4100');
    assert.equal(fromB.steps[1], 100, 'run b started at 5000');
    assert.equal(fromB.wallTimes[1], 5100);
  });

  it('clamps the buckets a request asks for', () => {
    const data = compareRange([a], request({ runIds: [a.id], xMin: 0, xMax: 19_999, buckets: 1 }));
    assert.ok(data[0].steps.length > 4, 'at least 16 buckets');
    assert.ok(data[0].steps.length <= 16 * 4 + 2);
  });
});

describe('Compare: batched live appends', () => {
  it('sends each series once, from its earliest unsent point, for runs still compared', () => {
    const a = makeRun('projA', 10, 0);
    const b = makeRun('projB', 10, 0);
    const pending = new PendingAppends();
    assert.equal(pending.empty, true);
    pending.add(a.id, new Map([['loss', 8]]), false);
    pending.add(a.id, new Map([['loss', 6]]), false);
    pending.add(b.id, new Map([['loss', 9]]), true);
    pending.add('gone', new Map([['loss', 0]]), false);
    const runs = new Map([
      [a.id, a],
      [b.id, b],
    ]);
    const { data, infos, metaChanged } = pending.take((id) => runs.get(id));
    assert.deepEqual(
      data.map((d) => [d.runId, [...d.steps]]),
      [
        [a.id, [6, 7, 8, 9]],
        [b.id, [9]],
      ],
    );
    assert.equal(infos.length, 2);
    assert.equal(metaChanged, true);
    assert.equal(pending.empty, true);
  });
});
