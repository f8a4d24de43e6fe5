import assert from 'node:assert/strict';
import { Series } from '../../../src/core/series/series';
import { seriesData, seriesInfo } from '../../../src/extension/panels/runDtos';
import { fromWire, toWire } from '../../../src/shared/wireNumbers';

/**
 * The trip a webview message makes in VS Code: JSON text, typed arrays carried beside it as buffers
 * (here: kept by reference, as VS Code hands them over intact).
 */
function vscodeTrip<T>(message: T): T {
  const buffers: ArrayBufferView[] = [];
  const text = JSON.stringify(message, (_key, value: unknown) =>
    ArrayBuffer.isView(value) ? { $buffer: buffers.push(value) - 1 } : value,
  );
  return JSON.parse(text, (_key, value: unknown) =>
    value && typeof value === 'object' && '$buffer' in value ? buffers[(value as { $buffer: number }).$buffer] : value,
  ) as T;
}

describe('non-finite numbers on the webview wire', () => {
  it('VS Code alone turns NaN and ±Infinity into null (why the wire encoding exists)', () => {
    assert.deepEqual(vscodeTrip({ last: NaN, max: Infinity }), { last: null, max: null });
  });

  it("keeps a diverged series' stats (NaN last, +Inf max) through the trip", () => {
    const s = new Series('train/loss');
    s.push(0, 2, 0);
    s.push(1, Infinity, 1);
    s.push(2, NaN, 2);
    const info = seriesInfo(s);
    assert.ok(Number.isNaN(info.last?.[1]) && info.max === Infinity);
    const back = fromWire(vscodeTrip(toWire({ type: 'append', series: [info] })));
    assert.deepEqual(back.series[0].last, [2, NaN], 'last is NaN, not null');
    assert.equal(back.series[0].max, Infinity);
    assert.equal(back.series[0].min, 2);
  });

  it('keeps a range request for the whole x axis (±Infinity) whole', () => {
    const back = fromWire(vscodeTrip(toWire({ type: 'range', xMin: -Infinity, xMax: Infinity, nested: [NaN, 1] })));
    assert.deepEqual(back, { type: 'range', xMin: -Infinity, xMax: Infinity, nested: [NaN, 1] });
  });

  it('leaves typed arrays alone and copies nothing when all is finite', () => {
    const s = new Series('loss');
    s.push(0, NaN, 0);
    s.push(1, 1, 1);
    const data = seriesData(s);
    const message = { type: 'overview', data, stats: { n: 2, min: 1 } };
    const wire = toWire(message);
    assert.equal(wire.data.values, data.values, 'the Float64Array goes by reference (NaN inside survives)');
    assert.equal(toWire(message), message, 'nothing to tag: the same object');
    const finite = { a: [1, 2], b: { c: 'x' } };
    assert.equal(toWire(finite), finite);
    assert.equal(fromWire(finite), finite);
  });

  it('carries data that looks like a tag as itself (a pickled dict {"$nonFinite": "NaN"})', () => {
    const data = {
      config: { $nonFinite: 3 },
      other: { $nonFinite: 'x', y: 1 },
      lookalike: { $nonFinite: 'NaN' },
      wrapped: { $wireLiteral: [Infinity] },
      nested: { $nonFinite: NaN },
    };
    const back = fromWire(vscodeTrip(toWire(data)));
    assert.deepEqual(back, data);
    // A key set to undefined is dropped by JSON: the object is still a look-alike, and still arrives whole.
    const sparse = fromWire(vscodeTrip(toWire({ v: { $nonFinite: 'NaN', x: undefined } })));
    assert.deepEqual(sparse, { v: { $nonFinite: 'NaN' } });
  });
});
