// Fuzz: mutated real `.wandb` files (when the shared fixtures are present) and our own logs must never
// make the decoder or the reader throw, and what they report stays bounded by the input.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DeltaBuilder } from '../../../../src/core/runs/deltaBuilder';
import { ErrorBudget, MAX_ERRORS } from '../../../../src/core/sources/wandb/errorBudget';
import { LogDecoder } from '../../../../src/core/sources/wandb/logDecoder';
import { fixturesRoot } from '../../../support/fixtures';
import {
  duplicateSlice,
  insertRandom,
  mutate,
  pick,
  randomBytes,
  rng,
  truncate,
  zeroRange,
  type Mutation,
} from '../../../support/fuzz';
import { codes, logPath, makeRunDir, reader, tmpRoot } from './tmpRuns';
import {
  configRecord,
  coreHistory,
  exitRecord,
  historyRecord,
  runRecord,
  statsRecord,
  summaryRecord,
  wandbLog,
} from './writer';

const CASES = 10_000;
const READER_CASES = 150;

function findWandbFiles(dir: string, out: string[] = [], depth = 0): string[] {
  if (depth > 8) {
    return out;
  }
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      findWandbFiles(full, out, depth + 1);
    } else if (e.isFile() && e.name.endsWith('.wandb')) {
      out.push(full);
    }
  }
  return out;
}

function ownLogs(): Uint8Array[] {
  const rows: Uint8Array[] = [
    runRecord({
      runId: 'fz',
      project: 'p',
      displayName: 'n',
      startTime: 1,
      config: [{ key: 'a', json: '{"b": [1, NaN]}' }],
    }),
  ];
  for (let i = 0; i < 60; i++) {
    rows.push(coreHistory(i, { 'train/loss': i % 7 === 0 ? 'NaN' : 1 / (i + 1), acc: i }, 1000 + i));
  }
  rows.push(
    historyRecord(
      [
        { nested: ['img', '_type'], json: '"image-file"' },
        { nested: ['img', 'path'], json: '"media/images/img_3_ab12cd.png"' },
      ],
      3,
    ),
  );
  rows.push(
    summaryRecord([{ nested: ['x'], json: 'Infinity' }]),
    configRecord([{ key: 'c', json: '"d"' }]),
    statsRecord(5, { cpu: 1 }),
    exitRecord(1, 3),
  );
  const big = coreHistory(99, { s: `"${'z'.repeat(40_000)}"`, v: 1 });
  return [wandbLog(rows), wandbLog([rows[0], big, rows[1], big, rows[2]]), wandbLog(rows.slice(0, 5))];
}

/** Overwrites a 2-byte little-endian value near a likely chunk header with a large length. */
const bigChunkLength: Mutation = (b, rand) => {
  const at = 7 + pick(rand, Math.max(1, b.length - 9));
  b[at] = 0xff;
  b[at + 1] = pick(rand, 256);
  return b;
};

const MENU = [
  randomBytes,
  truncate,
  insertRandom(40),
  zeroRange(200),
  bigChunkLength,
  duplicateSlice(500),
  randomBytes,
];

describe('wandb fuzz', function () {
  this.timeout(120_000);
  const bases: Uint8Array[] = [...ownLogs()];
  before(() => {
    const root = fixturesRoot();
    if (root) {
      for (const f of findWandbFiles(root)) {
        bases.push(fs.readFileSync(f));
      }
    }
  });

  it(`decodes ${CASES} mutated logs, fed in random slices, without throwing`, () => {
    const rand = rng(20261123);
    let points = 0;
    let errors = 0;
    for (let c = 0; c < CASES; c++) {
      const input = mutate(bases[c % bases.length], rand, MENU);
      const decoder = new LogDecoder('/fuzz.wandb', '/files');
      const budget = new ErrorBudget();
      const b = new DeltaBuilder();
      // Feed in 1–3 slices, as a growing file would arrive.
      const cuts = [0, Math.floor(rand() * input.length), Math.floor(rand() * input.length), input.length].sort(
        (x, y) => x - y,
      );
      for (let i = 0; i + 1 < cuts.length; i++) {
        decoder.feed(input.subarray(cuts[i], cuts[i + 1]), b, budget);
      }
      const delta = b.build();
      let n = 0;
      for (const batch of delta.points?.values() ?? []) {
        n += batch.steps.length;
      }
      assert.ok(n <= input.length, `case ${c}: ${n} points from ${input.length} bytes`);
      assert.ok((delta.errors?.length ?? 0) <= MAX_ERRORS, `case ${c}: too many errors`);
      points += n;
      errors += delta.errors?.length ?? 0;
    }
    assert.ok(points > 0 && errors > 0);
  });

  it(`reads ${READER_CASES} mutated logs from disk through the reader without throwing`, async () => {
    const root = tmpRoot();
    try {
      const rand = rng(7);
      for (let c = 0; c < READER_CASES; c++) {
        const dir = makeRunDir(root, `run-20260101_000000-fz${c}`);
        fs.writeFileSync(logPath(dir), mutate(bases[c % bases.length], rand, MENU));
        const r = reader(dir);
        const d = await r.poll();
        assert.ok(!codes(d).includes('read-failed'), `case ${c}: ${JSON.stringify(d.errors)}`);
        await r.poll();
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
