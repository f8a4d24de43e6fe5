import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { logPath, makeRunDir, reader, tmpRoot, values } from './tmpRuns';
import { headerRecord, historyRecord, wandbLog } from './writer';

/** wandb-core splits a logged `wandb.Histogram` into leaves `[key, _type]`, `[key, values]`, `[key, bins]`. */
function splitHistogram(step: number, key: string, counts: number[], bins: number[], loss: number): Uint8Array {
  return historyRecord(
    [
      { nested: ['_step'], json: String(step) },
      { nested: ['_timestamp'], json: String(1_700_000_000 + step) },
      { nested: ['loss'], json: String(loss) },
      { nested: [key, '_type'], json: '"histogram"' },
      { nested: [key, 'values'], json: JSON.stringify(counts) },
      { nested: [key, 'bins'], json: JSON.stringify(bins) },
    ],
    step,
  );
}

describe('wandb reader: histograms', () => {
  let root: string;
  before(() => {
    root = tmpRoot();
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads logged wandb.Histogram values (split leaves and one JSON object) as [k,3] histograms, not series', async () => {
    const dir = makeRunDir(root, 'offline-run-20260101_000000-hist0001');
    const whole = historyRecord(
      [
        { nested: ['_step'], json: '2' },
        { nested: ['loss'], json: '0.5' },
        {
          nested: ['grads'],
          json: '{"_type":"histogram","packedBins":{"min":-1,"size":0.5,"count":4},"values":[1,2,3,4]}',
        },
      ],
      2,
    );
    fs.writeFileSync(
      logPath(dir),
      wandbLog([
        headerRecord(),
        splitHistogram(0, 'weights', [1, 5, 2], [-1, 0, 1, 2], 0.9),
        splitHistogram(1, 'weights', [0, 4, 4], [-1, 0, 1, 2], 0.7),
        whole,
      ]),
    );
    const delta = await reader(dir).poll();
    assert.deepEqual(values(delta, 'loss'), [0.9, 0.7, 0.5]);
    assert.ok(
      ![...(delta.points?.keys() ?? [])].some((name) => name.startsWith('weights') || name.startsWith('grads')),
    );
    const weights = delta.histograms?.get('weights') ?? [];
    assert.deepEqual(
      weights.map((h) => h.step),
      [0, 1],
    );
    assert.deepEqual([...weights[0].buckets], [-1, 0, 1, 0, 1, 5, 1, 2, 2]);
    assert.equal(weights[1].wallTime, 1_700_000_001);
    const grads = delta.histograms?.get('grads') ?? [];
    assert.deepEqual([...grads[0].buckets], [-1, -0.5, 1, -0.5, 0, 2, 0, 0.5, 3, 0.5, 1, 4]);
  });

  it('skips a histogram whose bins do not fit its counts, and keeps the rest of the row', async () => {
    const dir = makeRunDir(root, 'offline-run-20260101_000000-hist0002');
    fs.writeFileSync(logPath(dir), wandbLog([headerRecord(), splitHistogram(0, 'weights', [1, 5, 2], [0, 1], 0.9)]));
    const delta = await reader(dir).poll();
    assert.deepEqual(values(delta, 'loss'), [0.9]);
    assert.equal(delta.histograms?.get('weights'), undefined);
  });

  it('keeps at most 500 evenly spaced steps of a tag (and the latest) however long the log', async () => {
    const dir = makeRunDir(root, 'offline-run-20260101_000000-hist0003');
    const records = [headerRecord()];
    for (let step = 0; step < 1200; step++) {
      records.push(splitHistogram(step, 'weights', [1, 2], [0, 1, 2], 1 / (step + 1)));
    }
    fs.writeFileSync(logPath(dir), wandbLog(records));
    const delta = await reader(dir).poll();
    const steps = (delta.histograms?.get('weights') ?? []).map((h) => h.step);
    assert.ok(steps.length <= 501, `${steps.length} kept`);
    assert.equal(steps[0], 0);
    assert.equal(steps[steps.length - 1], 1199);
    assert.equal(values(delta, 'loss').length, 1200);
  });

  it('reads the histograms of a 2019 run (wandb-history.jsonl rows), also the ones appended later', async () => {
    const dir = makeRunDir(root, 'run-20190614_121952-hist0004');
    const row = (step: number, counts: number[]) =>
      JSON.stringify({
        loss: 1 / (step + 1),
        weights: { _type: 'histogram', values: counts, bins: [0, 1, 2] },
        _step: step,
        _timestamp: 1_560_000_000 + step,
      }) + '\n';
    const file = path.join(dir, 'wandb-history.jsonl');
    fs.writeFileSync(file, row(0, [1, 2]) + row(1, [3, 4]));
    const r = reader(dir);
    const first = await r.poll();
    assert.deepEqual(values(first, 'loss'), [1, 0.5]);
    assert.ok(![...(first.points?.keys() ?? [])].some((name) => name.startsWith('weights')));
    const weights = first.histograms?.get('weights') ?? [];
    assert.deepEqual(
      weights.map((h) => [h.step, h.wallTime, [...h.buckets]]),
      [
        [0, 1_560_000_000, [0, 1, 1, 1, 2, 2]],
        [1, 1_560_000_001, [0, 1, 3, 1, 2, 4]],
      ],
    );
    fs.appendFileSync(file, row(2, [5, 6]));
    const later = await r.poll();
    assert.deepEqual(
      (later.histograms?.get('weights') ?? []).map((h) => [h.step, [...h.buckets]]),
      [[2, [0, 1, 5, 1, 2, 6]]],
    );
  });
});
