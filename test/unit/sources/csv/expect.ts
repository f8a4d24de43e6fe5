// Compares a series with the expected {n, first, last, min, max} of the fixtures' JSON files.
import assert from 'node:assert/strict';
import type { Series } from '../../../../src/core/series/series';

export interface ExpectedStats {
  n: number;
  first: [number, number | string];
  last: [number, number | string];
  min?: number | string | null;
  max?: number | string | null;
}

function num(v: number | string | null | undefined): number | undefined {
  if (v === null || v === undefined) {
    return undefined;
  }
  if (v === 'NaN') {
    return NaN;
  }
  if (v === 'Infinity') {
    return Infinity;
  }
  if (v === '-Infinity') {
    return -Infinity;
  }
  return Number(v);
}

function close(actual: number | undefined, expected: number | undefined, rel: number, abs: number, what: string): void {
  if (
    expected === undefined ||
    actual === undefined ||
    Number.isNaN(expected) ||
    !Number.isFinite(expected) ||
    rel === 0
  ) {
    assert.deepEqual(actual, expected, what);
    return;
  }
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) <= Math.max(abs, rel * Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );
}

/** rel = 0 means exact equality (NaN equals NaN). */
export function assertStats(series: Series | undefined, expected: ExpectedStats, name: string, rel = 0, abs = 0): void {
  assert.ok(series, `series ${name} missing`);
  const st = series.stats();
  assert.equal(st.n, expected.n, `${name}.n`);
  assert.equal(st.first?.[0], expected.first[0], `${name}.first step`);
  assert.equal(st.last?.[0], expected.last[0], `${name}.last step`);
  close(st.first?.[1], num(expected.first[1]), rel, abs, `${name}.first value`);
  close(st.last?.[1], num(expected.last[1]), rel, abs, `${name}.last value`);
  close(st.min, num(expected.min), rel, abs, `${name}.min`);
  close(st.max, num(expected.max), rel, abs, `${name}.max`);
}
