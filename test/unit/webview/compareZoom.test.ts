import assert from 'node:assert/strict';
import type { CompareRunDto, CompareSeriesDto } from '../../../src/shared/compareProtocol';
import { defaultCompareViewState } from '../../../src/shared/compareProtocol';
import { smoothEma } from '../../../src/shared/smoothing';
import type { Points } from '../../../src/webview/charts/seriesBuffer';
import { reportMessage, summaryCsvMessage } from '../../../src/webview/compare/compareExports';
import { compareLines } from '../../../src/webview/compare/compareLines';
import { spliceWindow } from '../../../src/webview/compare/compareMerge';
import { ZoomRequests, type Timers, type XWindow } from '../../../src/webview/compare/compareZoom';
import { summaryColumns } from '../../../src/webview/compare/summaryTable';

const pts = (steps: number[], values = steps.map((s) => s * 10), wall = steps.map((s) => 100 + s)): Points => ({
  steps: Float64Array.from(steps),
  values: Float64Array.from(values),
  wallTimes: Float64Array.from(wall),
  length: steps.length,
});

const dto = (runId: string, steps: number[], full = true): CompareSeriesDto => ({
  runId,
  name: 'loss',
  full,
  ...pts(steps),
});

/** Timers that fire only when the test says so. */
function manualTimers(): Timers & { flush(): void; pending(): number } {
  let queue = new Map<number, () => void>();
  let next = 1;
  return {
    set: (callback) => {
      queue.set(next, callback);
      return next++;
    },
    clear: (handle) => void queue.delete(handle as number),
    flush: () => {
      const due = queue;
      queue = new Map();
      due.forEach((f) => f());
    },
    pending: () => queue.size,
  };
}

describe('Compare: splicing a zoom window into the overview', () => {
  it('keeps the overview outside the window and the window’s points inside', () => {
    const overview = pts([0, 10, 20, 30, 40, 50]);
    const window = pts([19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);
    const out = spliceWindow(overview, window, 'step', 0);
    assert.deepEqual([...out.steps], [0, 10, ...window.steps, 40, 50]);
    assert.equal(out.length, 2 + 13 + 2);
    assert.deepEqual([...out.values.subarray(0, 3)], [0, 100, 190]);
  });

  it('splices by time since start on the relative axis, and returns the window alone when steps go back', () => {
    const overview = pts([0, 10, 20, 30], undefined, [100, 110, 120, 130]);
    const window = pts([11, 12], undefined, [111, 112]);
    assert.deepEqual([...spliceWindow(overview, window, 'relative', 100).steps], [0, 10, 11, 12, 20, 30]);
    const unsorted = pts([0, 10, 5, 20]);
    assert.deepEqual([...spliceWindow(unsorted, window, 'step', 0).steps], [11, 12]);
    assert.equal(spliceWindow(overview, pts([]), 'step', 0), overview);
  });

  it('smooths the spliced line without a jump at the window start (the EMA is seeded by the overview)', () => {
    // Noisy full-resolution data; the overview is every 4th point (as a decimated overview would be).
    const all = Array.from({ length: 400 }, (_, i) => i);
    const values = all.map((i) => 1 + 0.5 * Math.sin(i * 2.3));
    const overview = pts(
      all.filter((i) => i % 4 === 0),
      all.filter((i) => i % 4 === 0).map((i) => values[i]),
    );
    const window = pts(all.slice(199, 302), values.slice(199, 302));
    const spliced = spliceWindow(overview, window, 'step', 0);
    const smooth = smoothEma(spliced.values.subarray(0, spliced.length), 0.9);
    const first = [...spliced.steps].indexOf(199);
    // A window smoothed on its own starts at its first raw value, far from the smoothed level; the spliced
    // one carries on from the overview's smoothed state.
    const alone = smoothEma(window.values, 0.9);
    assert.equal(alone[0], values[199]);
    assert.ok(Math.abs(alone[0] - smooth[first - 1]) > 0.3, `alone starts at ${alone[0]}`);
    assert.ok(Math.abs(smooth[first] - smooth[first - 1]) < 0.1, `${smooth[first - 1]} → ${smooth[first]}`);
  });
});

describe('Compare: zoom requests', () => {
  const setup = () => {
    const sent: { metric: string; id: number; window: XWindow }[] = [];
    const timers = manualTimers();
    const zoom = new ZoomRequests((metric, id, window) => sent.push({ metric, id, window }), 120, timers);
    return { sent, timers, zoom };
  };

  it('debounces a burst of zoom steps into one request for the last window', () => {
    const { sent, timers, zoom } = setup();
    zoom.set('loss', { xMin: 0, xMax: 80 });
    zoom.set('loss', { xMin: 10, xMax: 70 });
    zoom.set('loss', { xMin: 20, xMax: 60 });
    assert.equal(timers.pending(), 1);
    timers.flush();
    assert.deepEqual(sent, [{ metric: 'loss', id: 1, window: { xMin: 20, xMax: 60 } }]);
  });

  it('keeps the answer to the latest request and drops stale or reset ones', () => {
    const { sent, timers, zoom } = setup();
    zoom.set('loss', { xMin: 0, xMax: 50 });
    timers.flush();
    zoom.set('loss', { xMin: 10, xMax: 20 });
    assert.equal(zoom.accept(sent[0].id, 'loss', [dto('a', [0, 1])]), false, 'superseded by a newer window');
    timers.flush();
    assert.equal(zoom.accept(sent[1].id, 'loss', [dto('a', [10, 11]), dto('b', [10])]), true);
    assert.deepEqual([...(zoom.points('loss', 'a')?.steps ?? [])], [10, 11]);
    assert.equal(zoom.accept(sent[1].id, 'loss', []), false, 'answered already');
    zoom.set('loss', undefined);
    assert.equal(zoom.points('loss', 'a'), undefined);
    assert.equal(zoom.window('loss'), undefined);
  });

  it('keeps drawing the last kept answer while a newer window is on its way, and refetches on demand', () => {
    const { sent, timers, zoom } = setup();
    zoom.set('acc', { xMin: 0, xMax: 50 });
    timers.flush();
    zoom.accept(sent[0].id, 'acc', [dto('a', [1, 2, 3])]);
    zoom.set('acc', { xMin: 5, xMax: 60 });
    assert.equal(zoom.points('acc', 'a')?.steps.length, 3);
    timers.flush();
    zoom.refetch();
    timers.flush();
    assert.equal(sent.length, 3);
    assert.deepEqual(sent[2].window, { xMin: 5, xMax: 60 });
    zoom.clear();
    timers.flush();
    assert.equal(sent.length, 3);
    assert.equal(zoom.accept(sent[2].id, 'acc', []), false);
  });
});

describe('Compare: chart lines', () => {
  const runs: CompareRunDto[] = ['a', 'b'].map((id, i) => ({
    id,
    name: 'version_0',
    label: `version_0 (proj${id.toUpperCase()})`,
    project: `proj${id}`,
    dir: `/w/${id}`,
    formatLabel: 'CSV',
    status: 'finished',
    startTime: 100,
    color: i,
  }));
  const overviews = new Map([
    ['a', pts([0, 10, 20, 30])],
    ['b', pts([0, 10, 20, 30], [5, 5, 5, 5])],
  ]);

  it('labels lines with the unique labels and splices the zoom answer in', () => {
    const { lines } = compareLines('loss', runs, defaultCompareViewState(['a', 'b']), {
      overview: (id) => overviews.get(id),
      window: (id) => (id === 'a' ? pts([10, 11, 12]) : undefined),
    });
    assert.deepEqual(
      lines.map((l) => l.label),
      ['version_0 (projA)', 'version_0 (projB)'],
    );
    assert.deepEqual([...lines[0].points.steps], [0, 10, 11, 12, 20, 30]);
    assert.equal(lines[1].points.length, 4);
  });

  it('draws runs against the baseline at matching steps, the baseline itself left out', () => {
    const state = { ...defaultCompareViewState(['a', 'b']), baseline: 'b', baselineMode: 'difference' as const };
    const { lines, beats } = compareLines('loss', runs, state, {
      overview: (id) => overviews.get(id),
      window: () => undefined,
    });
    assert.equal(lines.length, 1);
    assert.deepEqual([...lines[0].points.values], [-5, 95, 195, 295]);
    assert.deepEqual([...lines[0].points.wallTimes], [100, 110, 120, 130], "at the run's own times (time axes)");
    assert.deepEqual(beats, ['version_0 (projA): step 0']);
  });
});

describe('Compare: exports use the unique labels', () => {
  it('names same-named runs apart in the CSV and the Markdown report', () => {
    const runs: CompareRunDto[] = ['A', 'B'].map((p, i) => ({
      id: p,
      name: 'version_0',
      label: `version_0 (proj${p})`,
      project: `proj${p}`,
      dir: `/w/proj${p}/version_0`,
      formatLabel: 'Lightning',
      status: 'finished',
      color: i,
    }));
    const infos = new Map([
      ['A\u0000loss', { name: 'loss', n: 2, last: [1, 0.5] as [number, number], min: 0.5, minStep: 1 }],
      ['B\u0000loss', { name: 'loss', n: 2, last: [1, 0.4] as [number, number], min: 0.4, minStep: 1 }],
    ]);
    const columns = summaryColumns(['loss'], ['A', 'B'], infos, []);
    const csv = summaryCsvMessage(columns, runs);
    assert.ok(csv.type === 'exportSummaryCsv');
    assert.deepEqual(
      csv.csv.split('\n').map((l) => l.split(',')[0]),
      ['run', 'version_0 (projA)', 'version_0 (projB)', ''],
    );
    const report = reportMessage(runs, columns, { A: [['lr', '1']], B: [['lr', '2']] }, [], []);
    assert.ok(report.type === 'exportReport');
    assert.match(report.markdown, /\| lr \| 1 \| 2 \|/);
    assert.match(report.markdown, /\| Key \| version_0 \(projA\) \| version_0 \(projB\) \|/);
    assert.match(report.markdown, /\| version_0 \(projB\) \| \*\*/);
  });
});
