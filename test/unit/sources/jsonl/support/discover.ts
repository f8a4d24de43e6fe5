// Test helpers shared by the MLflow / HF Trainer / JSONL suites: a small discovery walk that honours
// claims the way the real one does, and comparison of series stats with the reference JSON values.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { DetectedRun } from '../../../../../src/core/runs/model';
import type { Series } from '../../../../../src/core/series/series';
import type { SourceFormat } from '../../../../../src/core/sources/types';
import { fsDetectIo, listDir } from '../../../../../src/core/watch/fsDetectIo';

/** Every run the formats find under `root`, detectors in the given order, claimed files/dirs skipped. */
export async function discover(root: string, formats: readonly SourceFormat[], maxDepth = 20): Promise<DetectedRun[]> {
  const runs: DetectedRun[] = [];
  async function visit(dir: string, depth: number): Promise<void> {
    const listing = await listDir(dir);
    if (!listing || depth > maxDepth) {
      return;
    }
    const claimedFiles = new Set<string>();
    const claimedDirs = new Set<string>();
    for (const format of formats) {
      const view = {
        dir,
        files: listing.files.filter((f) => !claimedFiles.has(f)),
        dirs: listing.dirs.filter((d) => !claimedDirs.has(d)),
      };
      const found = await format.detect(view, fsDetectIo);
      if (!found) {
        continue;
      }
      runs.push(...found.runs);
      found.claimedFiles?.forEach((f) => claimedFiles.add(f));
      found.claimedDirs?.forEach((d) => claimedDirs.add(d));
    }
    for (const sub of listing.dirs) {
      if (!claimedDirs.has(sub)) {
        await visit(path.join(dir, sub), depth + 1);
      }
    }
  }
  await visit(root, 0);
  return runs;
}

export type Expected = number | string;
export interface ExpectedStats {
  n: number;
  first: [number, Expected];
  last: [number, Expected];
  min?: Expected;
  max?: Expected;
}

function toNumber(v: Expected): number {
  if (v === 'NaN') {
    return NaN;
  }
  if (v === 'Infinity') {
    return Infinity;
  }
  if (v === '-Infinity') {
    return -Infinity;
  }
  return v as number;
}

/** Equal, or within `rel` relative tolerance (float32 → float64 conversions); NaN equals NaN. */
export function assertClose(
  actual: number | undefined,
  expected: Expected | undefined,
  rel: number,
  what: string,
): void {
  if (expected === undefined) {
    assert.equal(actual, undefined, what);
    return;
  }
  const e = toNumber(expected);
  assert.ok(actual !== undefined, `${what}: missing`);
  if (Number.isNaN(e) || !Number.isFinite(e) || rel === 0) {
    assert.ok(Object.is(actual, e) || actual === e, `${what}: ${actual} !== ${e}`);
    return;
  }
  const tol = Math.max(Math.abs(e) * rel, rel === 0 ? 0 : 1e-12);
  assert.ok(Math.abs(actual - e) <= tol, `${what}: ${actual} vs expected ${e}`);
}

/** Compares one series with its reference stats (n, first, last, min, max). */
export function assertSeriesMatches(
  series: Series | undefined,
  expected: ExpectedStats,
  rel: number,
  what: string,
): void {
  assert.ok(series, `${what}: series missing`);
  const stats = series.stats();
  assert.equal(stats.n, expected.n, `${what}: n`);
  assert.equal(stats.first?.[0], expected.first[0], `${what}: first step`);
  assertClose(stats.first?.[1], expected.first[1], rel, `${what}: first value`);
  assert.equal(stats.last?.[0], expected.last[0], `${what}: last step`);
  assertClose(stats.last?.[1], expected.last[1], rel, `${what}: last value`);
  assertClose(stats.min, expected.min, rel, `${what}: min`);
  assertClose(stats.max, expected.max, rel, `${what}: max`);
}
