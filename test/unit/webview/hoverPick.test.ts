import assert from 'node:assert/strict';
import { positiveX, type XY } from '../../../src/webview/charts/chartData';
import { hoverLine, nearestIndex, pickHover, tooltipRows, type HoverLine } from '../../../src/webview/charts/hoverPick';

const xy = (xs: number[], f: (x: number) => number = (x) => x): XY[] => xs.map((x) => ({ x, y: f(x) }));
const line = (label: string, data: XY[]): HoverLine => hoverLine(label, '#fff', data);

describe('compare hover: nearest points', () => {
  it('finds the nearest x by binary search, ties to the left, ends clamped', () => {
    const data = xy([0, 10, 20, 30]);
    assert.equal(nearestIndex(data, -5), 0);
    assert.equal(nearestIndex(data, 4), 0);
    assert.equal(nearestIndex(data, 5), 0);
    assert.equal(nearestIndex(data, 6), 1);
    assert.equal(nearestIndex(data, 29), 3);
    assert.equal(nearestIndex(data, 1e9), 3);
    assert.equal(nearestIndex([], 3), -1);
    assert.equal(nearestIndex(xy([0, 0, 0, 5]), 0), 0, 'repeated x: the first');
  });

  it('agrees with a linear scan on a random sorted series', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 1000;
    const data = xy(Array.from({ length: 500 }, rand).sort((a, b) => a - b));
    for (let k = 0; k < 200; k++) {
      const x = rand() * 1.1 - 50;
      const i = nearestIndex(data, x);
      const best = Math.min(...data.map((p) => Math.abs(p.x - x)));
      assert.equal(Math.abs(data[i].x - x), best, `x = ${x}`);
    }
  });

  it('snaps to the point nearest the cursor over every run and lists each run there, highest first', () => {
    const a = line(
      'a',
      xy([0, 10, 20, 30], (x) => 100 - x),
    );
    const b = line(
      'b',
      xy([0, 12, 24, 36], (x) => 200 - x),
    );
    const pick = pickHover([a, b], 11.5, 1)!;
    assert.equal(pick.x, 12, 'b has the nearest point');
    assert.deepEqual(
      pick.points.map((p) => [p.label, p.x, p.y]),
      [
        ['b', 12, 188],
        ['a', 10, 90],
      ],
    );
  });

  it('leaves out a run that ended before the cursor, unless its last point is within the slack', () => {
    const long = line('long', xy([0, 100, 200, 300]));
    const short = line('short', xy([0, 98]));
    const labels = (slack: number) => pickHover([long, short], 100, slack)!.points.map((p) => p.label);
    assert.deepEqual(labels(5), ['long', 'short'], 'step 98 is within 5 of 100');
    assert.deepEqual(labels(0), ['long']);
    assert.deepEqual(
      pickHover([long, short], 290, 5)!.points.map((p) => p.label),
      ['long'],
    );
  });

  it('finds the nearest point of a line whose x goes back (a restart, a clock change) by a scan', () => {
    const restarted = line('r', xy([0, 50, 10, 20, 30]));
    assert.equal(restarted.sorted, false);
    assert.deepEqual([restarted.xMin, restarted.xMax], [0, 50]);
    assert.equal(pickHover([restarted], 11, 0)!.x, 10);
    assert.equal(line('s', xy([0, 10, 10, 20])).sorted, true);
  });

  it('lists only points the chart shows: inside the zoom window, and drawable on a log axis', () => {
    const a = line('a', xy([0, 10, 20, 30]));
    const b = line(
      'b',
      xy([0, 10, 20, 30], (x) => x - 15),
    );
    const window = { xMin: 12, xMax: 28 };
    const pick = pickHover([a, b], 10, 0, window)!;
    assert.equal(pick.x, 20, 'step 10 lies left of the window');
    const log = pickHover([a, b], 10, 0, { xMin: -Infinity, xMax: Infinity, yValid: (y) => y > 0 })!;
    assert.deepEqual(
      log.points.map((p) => p.label),
      ['a'],
      "b's value there is -5: a log axis cannot draw it",
    );
    assert.equal(pickHover([a], 5, 0, { xMin: 100, xMax: 200 }), undefined, 'nothing in the window');
  });

  it('skips NaN gaps to the nearest finite point, and has nothing to show without finite points', () => {
    const gappy = line('gap', [
      { x: 0, y: 1 },
      { x: 1, y: NaN },
      { x: 2, y: 3 },
    ]);
    const pick = pickHover([gappy], 1, 0)!;
    assert.ok(Number.isFinite(pick.points[0].y));
    assert.equal(
      pickHover(
        [
          line(
            'none',
            xy([0, 1], () => NaN),
          ),
        ],
        0,
        0,
      ),
      undefined,
    );
    assert.equal(pickHover([], 0, 0), undefined);
  });
});

describe('compare hover: tooltip rows', () => {
  const points = Array.from({ length: 50 }, (_, i) => ({ label: `r${i}`, color: '#fff', x: 0, y: 50 - i }));

  it('keeps every row when they fit', () => {
    const { rows, more } = tooltipRows(points.slice(0, 5), () => 0, 12);
    assert.equal(rows.length, 5);
    assert.equal(more, 0);
  });

  it('sorts rows the axis cannot place (NaN distance) last', () => {
    const { rows } = tooltipRows(points, (p) => (p.y > 45 ? NaN : Math.abs(p.y - 44)), 3);
    assert.deepEqual(
      rows.map((r) => r.y),
      [45, 44, 43],
    );
  });

  it('keeps the rows nearest the cursor, in value order, and counts the rest', () => {
    const { rows, more } = tooltipRows(points, (p) => Math.abs(p.y - 20), 5);
    assert.deepEqual(
      rows.map((r) => r.y),
      [22, 21, 20, 19, 18],
    );
    assert.equal(more, 45);
  });
});

describe('log x axis', () => {
  it('keeps only points a log axis can place (x > 0), the same array when all can be', () => {
    const all = xy([1, 2, 3]);
    assert.equal(positiveX(all), all);
    assert.deepEqual(
      positiveX(xy([0, -1, 5, 10])).map((p) => p.x),
      [5, 10],
    );
  });
});
