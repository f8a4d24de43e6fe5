import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { HistogramSnapshot, RunDelta } from '../../../../src/core/runs/model';
import { RunState } from '../../../../src/core/runs/runState';
import { thinHistograms } from '../../../../src/core/sources/histogramReservoir';
import { tensorboardFormat } from '../../../../src/core/sources/tensorboard/format';
import { cleanTempDirs, EVENTS, readDir, runOf, tempDir, writeFile } from './helpers';
import {
  event,
  eventFile,
  histogramTensorValue,
  histoValue,
  type HistoSpec,
  type Pb,
  record,
  scalarEvents,
  simpleValue,
} from './writer';
import { join } from '../../../support/fuzz';

const DBL_MAX = Number.MAX_VALUE;
/** PyTorch's layout: an empty bucket on the left whose right limit is the first edge. */
const PYTORCH: HistoSpec = { min: 0.1, max: 2.9, limits: [0.1, 1, 2, 2.9], counts: [0, 4, 1, 5] };
const PYTORCH_ROWS = [
  [0.1, 1, 4],
  [1, 2, 1],
  [2, 2.9, 5],
];

const rows = (s: HistogramSnapshot | undefined): number[][] => {
  const b = s?.buckets ?? new Float64Array(0);
  return Array.from({ length: b.length / 3 }, (_, i) => [b[3 * i], b[3 * i + 1], b[3 * i + 2]]);
};
const histEvents = (n: number, value: (i: number) => Pb, firstStep = 0): Uint8Array[] =>
  Array.from({ length: n }, (_, i) => event({ wallTime: 1700000000 + i, step: firstStep + i, values: [value(i)] }));

function live(dir: string): { state: RunState; poll: () => Promise<RunDelta> } {
  const run = runOf(dir);
  const state = new RunState(run);
  const reader = tensorboardFormat.createReader(run);
  return {
    state,
    async poll() {
      const delta = await reader.poll();
      state.apply(delta);
      return delta;
    },
  };
}

describe('tensorboard histograms', () => {
  after(cleanTempDirs);

  it('legacy histo, packed and unpacked: [k,3] with min/max as outer edges, empty end buckets dropped', async () => {
    const dir = tempDir();
    const tf1: HistoSpec = { min: -0.5, max: 0.7, limits: [-DBL_MAX, -1, 0, 1, DBL_MAX], counts: [0, 0, 3, 2, 0] };
    const events = [
      event({ wallTime: 5, step: 3, values: [histoValue('packed', PYTORCH), histoValue('unpacked', PYTORCH, false)] }),
      event({ wallTime: 6, step: 4, values: [histoValue('tf1', tf1)] }),
    ];
    writeFile(dir, EVENTS, eventFile(events));
    const state = await readDir(dir);
    assert.deepEqual(state.errors, []);
    assert.deepEqual([...state.histograms.keys()], ['packed', 'unpacked', 'tf1']);
    for (const tag of ['packed', 'unpacked']) {
      const [h] = state.histograms.get(tag) ?? [];
      assert.deepEqual(
        { step: h.step, wallTime: h.wallTime, rows: rows(h) },
        { step: 3, wallTime: 5, rows: PYTORCH_ROWS },
      );
    }
    assert.deepEqual(rows(state.histograms.get('tf1')?.[0]), [
      [-0.5, 0, 3],
      [0, 0.7, 2],
    ]);
    assert.deepEqual([...state.series.keys()], [], 'histograms are not series');
  });

  it('a zero min is left out by proto3 and still read as the first left edge (ReLU activations)', async () => {
    const dir = tempDir();
    const relu: HistoSpec = { min: 0, max: 3, limits: [0, 1.5, 3], counts: [0, 7, 2] };
    writeFile(dir, EVENTS, eventFile([event({ wallTime: 1, step: 1, values: [histoValue('relu', relu)] })]));
    assert.deepEqual(rows((await readDir(dir)).histograms.get('relu')?.[0]), [
      [0, 1.5, 7],
      [1.5, 3, 2],
    ]);
  });

  it('TF2 [k,3] tensors: float64 and float32, tensor_content and double_val/float_val, metadata on the first only', async () => {
    const dir = tempDir();
    const data: Array<[number, number, number]> = [
      [-1, 0, 2],
      [0, 0.5, 0],
      [0.5, 1.25, 6],
    ];
    const variants = {
      f64content: { dtype: 'f64', content: true },
      f32content: { dtype: 'f32', content: true },
      f64val: { dtype: 'f64', content: false },
      f32val: { dtype: 'f32', content: false },
    } as const;
    const events: Uint8Array[] = [];
    for (let step = 0; step < 3; step++) {
      const values = Object.entries(variants).map(([tag, o]) =>
        histogramTensorValue(tag, data, { ...o, withMetadata: step === 0 }),
      );
      events.push(event({ wallTime: 1700000000 + step, step: step * 10, values }));
    }
    writeFile(dir, EVENTS, eventFile(events));
    const state = await readDir(dir);
    assert.deepEqual(state.errors, []);
    for (const tag of Object.keys(variants)) {
      const list = state.histograms.get(tag) ?? [];
      assert.deepEqual(
        list.map((h) => h.step),
        [0, 10, 20],
        tag,
      );
      assert.deepEqual(rows(list[2]), data, tag);
    }
    assert.deepEqual([...state.series.keys()], []);
  });

  it('empty histograms (TF2 k=0, legacy all-zero counts) are kept as snapshots with no buckets', async () => {
    const dir = tempDir();
    const empty: HistoSpec = { min: DBL_MAX, max: -DBL_MAX, limits: [-DBL_MAX, 0, DBL_MAX], counts: [0, 0, 0] };
    const events = [
      event({ wallTime: 1, step: 1, values: [histogramTensorValue('tf2', []), histoValue('legacy', empty)] }),
      event({ wallTime: 2, step: 2, values: [histogramTensorValue('tf2', [[0, 1, 3]], { withMetadata: false })] }),
    ];
    writeFile(dir, EVENTS, eventFile(events));
    const state = await readDir(dir);
    assert.deepEqual(
      state.histograms.get('tf2')?.map((h) => [h.step, h.buckets.length]),
      [
        [1, 0],
        [2, 3],
      ],
    );
    assert.deepEqual(
      state.histograms.get('legacy')?.map((h) => [h.step, h.buckets.length]),
      [[1, 0]],
    );
  });

  it('mixed with scalars: scalars unchanged, histograms never in points; the first value decides a tag', async () => {
    const plain = tempDir();
    writeFile(plain, EVENTS, eventFile(scalarEvents('loss', [3, 2, 1])));
    const dir = tempDir();
    const mixed = [
      ...scalarEvents('loss', [3, 2, 1]).flatMap((e, i) => [
        e,
        event({ wallTime: 1700000000 + i, step: i, values: [histoValue('w', PYTORCH)] }),
      ]),
      // First value a scalar: a later histogram under that tag is dropped; and the other way round.
      event({ wallTime: 9, step: 9, values: [simpleValue('s', 1), histoValue('h', PYTORCH)] }),
      event({ wallTime: 10, step: 10, values: [histoValue('s', PYTORCH), simpleValue('h', 2)] }),
    ];
    writeFile(dir, EVENTS, eventFile(mixed));
    const expected = await readDir(plain);
    const run = live(dir);
    const delta = await run.poll();
    assert.deepEqual([...(delta.points?.keys() ?? [])].sort(), ['loss', 's']);
    assert.deepEqual([...(delta.histograms?.keys() ?? [])].sort(), ['h', 'w']);
    const loss = run.state.series.get('loss');
    const want = expected.series.get('loss');
    assert.deepEqual([...(loss?.steps ?? [])], [...(want?.steps ?? [])]);
    assert.deepEqual([...(loss?.values ?? [])], [...(want?.values ?? [])]);
    assert.deepEqual([...(run.state.series.get('s')?.values ?? [])], [1]);
    assert.equal(run.state.histograms.get('w')?.length, 3);
    assert.deepEqual(
      run.state.histograms.get('h')?.map((h) => h.step),
      [9],
    );
  });

  it('a file ending mid-histogram keeps what came before and reads the rest once it arrives', async () => {
    const dir = tempDir();
    const full = eventFile(histEvents(3, () => histoValue('w', PYTORCH)));
    const file = writeFile(dir, EVENTS, full.subarray(0, full.length - 20));
    const run = live(dir);
    const first = await run.poll();
    assert.deepEqual(
      first.histograms?.get('w')?.map((h) => h.step),
      [0, 1],
    );
    assert.deepEqual(run.state.errors, []);
    fs.appendFileSync(file, full.subarray(full.length - 20));
    const second = await run.poll();
    assert.deepEqual(
      second.histograms?.get('w')?.map((h) => h.step),
      [2],
      'only the new record',
    );
    assert.equal(run.state.histograms.get('w')?.length, 3);
    assert.equal((await run.poll()).histograms, undefined, 'nothing new, nothing emitted');
  });

  it('a record whose histogram is cut short (valid checksum) is a named error; the rest is kept', async () => {
    const dir = tempDir();
    const good = histEvents(2, () => histoValue('w', PYTORCH));
    const bad = event({ wallTime: 1700000005, step: 5, values: [histoValue('w', PYTORCH)] });
    // Drop the last 12 bytes of the packed counts but keep the lengths that claim them: not an Event.
    const cut = bad.subarray(0, bad.length - 12);
    const after = histEvents(1, () => histoValue('w', PYTORCH), 7);
    writeFile(dir, EVENTS, join(eventFile(good), record(cut), ...after.map(record)));
    const state = await readDir(dir);
    assert.deepEqual(
      state.errors.map((e) => e.code),
      ['bad-event'],
    );
    assert.deepEqual(
      state.histograms.get('w')?.map((h) => h.step),
      [0, 1, 7],
    );
  });

  it('a rewritten file resets: the histograms are the new file only', async () => {
    const dir = tempDir();
    const file = writeFile(dir, EVENTS, eventFile(histEvents(4, () => histoValue('w', PYTORCH))));
    const run = live(dir);
    await run.poll();
    assert.equal(run.state.histograms.get('w')?.length, 4);
    fs.writeFileSync(file, eventFile(histEvents(1, () => histoValue('w', PYTORCH), 100)));
    const delta = await run.poll();
    assert.equal(delta.reset, true);
    assert.deepEqual(
      run.state.histograms.get('w')?.map((h) => h.step),
      [100],
    );
  });

  it('keeps at most 500 per tag in one read: every k-th (k doubling), the first and the latest', async () => {
    const dir = tempDir();
    writeFile(dir, EVENTS, eventFile(histEvents(2001, (i) => histoValue('w', { ...PYTORCH, min: i / 1e4 }))));
    const list = (await readDir(dir)).histograms.get('w') ?? [];
    assert.ok(list.length <= 501, String(list.length));
    const steps = list.map((h) => h.step);
    // 2001 snapshots: stride 8 keeps 0, 8, …, 2000 (251 ≤ 500; stride 4 would keep 501).
    assert.deepEqual(
      steps,
      Array.from({ length: 251 }, (_, i) => i * 8),
    );
    assert.equal(list[5].buckets[0], 40 / 1e4, 'each snapshot is its own step');
  });

  it('across polls, the sampler plus thinHistograms keep a live tag under 500 with the latest last', async () => {
    const dir = tempDir();
    const file = writeFile(dir, EVENTS, eventFile([]));
    const run = live(dir);
    let step = 0;
    for (let poll = 0; poll < 60; poll++) {
      const batch = histEvents(37, () => histoValue('w', PYTORCH), step);
      step += 37;
      fs.appendFileSync(file, join(...batch.map(record)));
      const delta = await run.poll();
      assert.ok((delta.histograms?.get('w')?.length ?? 0) <= 501);
      const kept = run.state.histograms.get('w') ?? [];
      thinHistograms(kept);
      assert.ok(kept.length <= 500, String(kept.length));
      assert.equal(kept[kept.length - 1].step, step - 1, 'the latest is kept');
      assert.equal(kept[0].step, 0, 'the first is kept');
    }
  });
});
