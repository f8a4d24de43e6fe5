// Real W&B run folders from /work/shared/fixtures: every run found with the right format, read without
// errors, and the generated wandb 0.30 runs equal what wandb's own protobuf parser sees (expected.json).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { DetectedRun } from '../../src/core/runs/model';
import { readRunOnce } from '../../src/core/runs/readOnce';
import type { RunState } from '../../src/core/runs/runState';
import type { SeriesStats } from '../../src/core/series/series';
import { wandbFormat } from '../../src/core/sources/wandb/format';
import { fsDetectIo, listDir } from '../../src/core/watch/fsDetectIo';
import { requireFixtures } from '../support/fixtures';

type Num = number | 'NaN' | 'Infinity' | '-Infinity';
interface ExpectedSeries {
  n: number;
  first: [number, Num];
  last: [number, Num];
  min?: Num;
  max?: Num;
}

const RUN_DIR = /^(?:offline-)?run-\d{8}_\d{6}-[A-Za-z0-9]+$/;

function num(v: Num): number {
  return v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v;
}

function close(actual: number | undefined, expected: Num | undefined, what: string): void {
  if (expected === undefined) {
    return assert.equal(actual, undefined, what);
  }
  const e = num(expected);
  assert.ok(actual !== undefined, what);
  if (Number.isNaN(e) || !Number.isFinite(e)) {
    return assert.ok(Object.is(actual, e), `${what}: ${actual} vs ${e}`);
  }
  assert.ok(Math.abs(actual - e) <= 1e-12 * Math.max(1, Math.abs(e)), `${what}: ${actual} vs ${e}`);
}

/** Real (not symlinked) `wandb/` folders under a fixture tree. */
function wandbRoots(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) {
      continue;
    }
    const full = path.join(dir, e.name);
    // `fixtures/wandb/` itself is a category folder, not a W&B root: only folders holding run dirs count.
    if ((e.name === 'wandb' || e.name === '.wandb') && fs.readdirSync(full).some((d) => RUN_DIR.test(d))) {
      out.push(full);
    } else {
      wandbRoots(full, out);
    }
  }
  return out;
}

describe('wandb real-world fixtures', function () {
  this.timeout(60_000);
  let fixtures: string;
  const runs: DetectedRun[] = [];
  const states = new Map<string, RunState>();

  before(async function () {
    fixtures = requireFixtures(this);
    for (const root of wandbRoots(fixtures)) {
      const listing = await listDir(root);
      assert.ok(listing);
      const det = await wandbFormat.detect(listing, fsDetectIo);
      assert.ok(det, `no runs detected in ${root}`);
      const expectedDirs = listing.dirs.filter((d) => RUN_DIR.test(d));
      assert.deepEqual(det.runs.map((r) => path.basename(r.dir)).sort(), expectedDirs.sort(), root);
      if (listing.dirs.includes('latest-run')) {
        assert.ok(det.claimedDirs?.includes('latest-run'));
      }
      runs.push(...det.runs);
    }
    for (const run of runs) {
      states.set(run.dir, await readRunOnce(wandbFormat, run));
    }
  });

  it('finds every W&B run folder (and no duplicate through latest-run)', () => {
    assert.ok(runs.length >= 16, `${runs.length} runs`);
    assert.equal(new Set(runs.map((r) => r.id)).size, runs.length);
    for (const run of runs) {
      assert.equal(run.format, 'wandb');
    }
  });

  it('reads every run without errors', () => {
    for (const [dir, st] of states) {
      assert.deepEqual(st.errors, [], dir);
      assert.ok(st.series.size > 0 || Object.keys(st.config).length > 0, `nothing read from ${dir}`);
    }
  });

  it('equals wandb’s own parser on the generated wandb 0.30 runs (n/first/last/min/max)', () => {
    const expected = JSON.parse(fs.readFileSync(path.join(fixtures, 'generated', 'expected.json'), 'utf8')) as Record<
      string,
      Record<string, ExpectedSeries>
    >;
    const files = Object.keys(expected).filter((f) => f.endsWith('.wandb'));
    assert.ok(files.length >= 4);
    for (const file of files) {
      const st = states.get(path.dirname(path.join(fixtures, 'generated', file)));
      assert.ok(st, `run of ${file} not read`);
      const names = [...st.series.keys()].filter((n) => !n.startsWith('system/')).sort();
      assert.deepEqual(names, Object.keys(expected[file]).sort(), file);
      for (const [name, exp] of Object.entries(expected[file])) {
        const stats: SeriesStats | undefined = st.series.get(name)?.stats();
        assert.ok(stats, `${file} ${name}`);
        const what = `${file} ${name}`;
        assert.equal(stats.n, exp.n, `${what} n`);
        assert.equal(stats.first?.[0], exp.first[0], `${what} first step`);
        close(stats.first?.[1], exp.first[1], `${what} first`);
        assert.equal(stats.last?.[0], exp.last[0], `${what} last step`);
        close(stats.last?.[1], exp.last[1], `${what} last`);
        close(stats.min, exp.min, `${what} min`);
        close(stats.max, exp.max, `${what} max`);
      }
    }
  });

  it('reads name, project, status, images and system metrics of the generated runs', () => {
    const gen = path.join(fixtures, 'generated', 'wandb');
    const byId = (suffix: string): RunState[] =>
      [...states.values()].filter((s) => s.dir.startsWith(gen) && s.dir.endsWith(suffix));
    const [first, resumed] = byId('-iyjgcg2b').sort((a, b) => a.dir.localeCompare(b.dir));
    assert.equal(first.name, 'baseline-lr1e-3');
    assert.equal(resumed.name, 'baseline-lr1e-3 (resumed #1)');
    assert.equal(first.project, 'mnist-demo');
    assert.equal(first.statedStatus, 'finished');
    assert.equal(first.config['optim.name'], 'adam');
    assert.equal(first.config['model.hidden'], '[128,64]');
    assert.equal(
      Object.keys(first.config).some((k) => k.startsWith('_wandb')),
      false,
    );
    assert.deepEqual(
      first.images.map((i) => [i.tag, i.step]).sort((a, b) => Number(a[1]) - Number(b[1])),
      [
        ['samples', 0],
        ['samples', 150],
        ['samples', 299],
      ],
    );
    for (const image of first.images) {
      assert.ok(image.source.kind === 'file' && fs.existsSync(image.source.path));
    }
    assert.ok(first.series.get('system/cpu')?.length);
    assert.ok(first.startTime && first.endTime && first.endTime >= first.startTime);
    const [crashed] = byId('-v5vtma3v');
    assert.equal(crashed.name, 'crashed-sgd');
    assert.equal(crashed.statedStatus, 'failed');
  });

  it('reads the 2019-era layout (wandb-history.jsonl, wandb-events.jsonl)', () => {
    const legacy = [...states.values()].filter((s) => s.dir.includes('legacy2019'));
    assert.equal(legacy.length, 4);
    for (const st of legacy) {
      assert.ok((st.series.get('loss')?.length ?? 0) >= 10, st.dir);
      assert.ok(st.series.get('system/cpu')?.length, st.dir);
      assert.ok(st.startTime);
    }
    const withConfig = legacy.find((s) => s.dir.endsWith('pgmkjezb'));
    assert.equal(withConfig?.config.epochs, 10);
    assert.equal(withConfig?.statedStatus, 'finished');
    assert.equal(legacy.find((s) => s.dir.endsWith('ua6bom8a'))?.images.length, 10);
  });

  it('reads the yolov5 runs (0.12 `.wandb`: key + value_json, media groups, output.log)', () => {
    const yolo = [...states.values()].filter((s) => s.dir.includes('yolov5'));
    assert.equal(yolo.length, 5);
    const full = yolo.find((s) => s.dir.endsWith('2chc5x75'));
    assert.ok(full);
    assert.equal(full.project, 'YOLOv5');
    assert.equal(full.series.get('metrics/mAP_0.5')?.length, 3);
    assert.equal(full.series.has('Labels/width'), false);
    assert.ok(full.otherFiles.some((f) => f.role === 'log' && f.path.endsWith('output.log')));
    assert.ok(full.images.some((i) => i.tag === 'Bounding Box Debugger/Images'));
  });
});
