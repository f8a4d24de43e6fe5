// JSONL reader and detector against files the tests write: step keys, nested names, NaN/Infinity tokens,
// growth by half lines, rewrites, restarts (repeated steps), every malformed line, "JSON lines in a .json".
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { DetectedRun, RunDelta } from '../../../../src/core/runs/model';
import { readRunOnce } from '../../../../src/core/runs/readOnce';
import { RunState } from '../../../../src/core/runs/runState';
import { jsonlFormat } from '../../../../src/core/sources/jsonl/format';
import { jsonlRun } from '../../../../src/core/sources/jsonl/detect';
import { parsePythonJson } from '../../../../src/core/sources/jsonl/pythonJson';
import { fsDetectIo, listDir } from '../../../../src/core/watch/fsDetectIo';
import { pythonJson, TempDir } from './support/tmp';

function lines(...records: unknown[]): string {
  return records.map((r) => pythonJson(r) + '\n').join('');
}

async function detectNames(tmp: TempDir): Promise<string[]> {
  const listing = await listDir(tmp.root);
  assert.ok(listing);
  const found = await jsonlFormat.detect(listing, fsDetectIo);
  return (found?.claimedFiles ?? []).sort();
}

function values(state: RunState, name: string): [number, number][] {
  const s = state.series.get(name);
  return s ? [...s.steps].map((step, i) => [step, s.values[i]]) : [];
}

describe('jsonl: Python JSON tokens', function () {
  it('reads bare NaN, Infinity, -Infinity as numbers and leaves them alone inside strings', function () {
    const value = parsePythonJson(
      '{"a": NaN, "b": Infinity, "c": -Infinity, "s": "NaN Infinity", "d": [NaN]}',
    ) as Record<string, unknown>;
    assert.ok(Number.isNaN(value.a));
    assert.equal(value.b, Infinity);
    assert.equal(value.c, -Infinity);
    assert.equal(value.s, 'NaN Infinity');
    assert.ok(Number.isNaN((value.d as number[])[0]));
  });

  it('still rejects garbage', function () {
    assert.throws(() => parsePythonJson('{"a": Nope}'));
    assert.throws(() => parsePythonJson('{"a": 1'));
  });
});

describe('jsonl: detection', function () {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('claims *.jsonl metric logs and JSON lines in a .json, not single JSON documents', async function () {
    tmp.write('train.jsonl', lines({ step: 1, loss: 0.5 }, { step: 2, loss: 0.4 }));
    tmp.write('log.json', lines({ epoch: 0, acc: 0.5 }, { epoch: 1, acc: 0.6 })); // JSON lines in a .json
    tmp.write('pretty.json', JSON.stringify({ loss: 1, acc: 2 }, null, 2));
    tmp.write('oneline.json', JSON.stringify({ loss: 1, acc: 2 }));
    tmp.write('dataset.jsonl', lines({ id: 1, text: 'hello', label: 'a' }, { id: 2, text: 'bye', label: 'b' }));
    tmp.write('array.jsonl', '[1, 2]\n[3, 4]\n');
    tmp.write('empty.jsonl', '');
    tmp.write('wandb-history.jsonl', lines({ _step: 1, loss: 1 }));
    assert.deepEqual(await detectNames(tmp), ['log.json', 'train.jsonl']);
  });

  it('claims a one-record detectron2 metrics.json (iteration key) and a file whose last line is still being written', async function () {
    tmp.write('out/metrics.json', lines({ iteration: 19, loss: 1 }));
    tmp.write('live.jsonl', lines({ step: 1, loss: 1 }) + '{"step": 2, "lo');
    const listing = await listDir(tmp.path('out'));
    assert.ok(listing);
    const found = await jsonlFormat.detect(listing, fsDetectIo);
    assert.equal(found?.runs[0].name, 'out');
    assert.deepEqual(await detectNames(tmp), ['live.jsonl']);
  });

  it('looks further than 4 KB when the first record is longer', async function () {
    const wide: Record<string, number> = { step: 1 };
    for (let i = 0; i < 400; i++) {
      wide[`metric_${i}`] = i / 3;
    }
    tmp.write('wide.jsonl', lines(wide, wide));
    assert.ok(JSON.stringify(wide).length > 4096);
    assert.deepEqual(await detectNames(tmp), ['wide.jsonl']);
  });

  it('leaves legacy W&B run folders to the W&B reader', async function () {
    tmp.write('wandb-metadata.json', '{}');
    tmp.write('other.jsonl', lines({ step: 1, loss: 1 }));
    assert.deepEqual(await detectNames(tmp), []);
  });

  it('names a run after the file, or after its folder when the file name is generic', function () {
    assert.deepEqual(
      [
        jsonlRun('/a/proj/exp1', '/a/proj/exp1/resnet.jsonl'),
        jsonlRun('/a/proj/exp1', '/a/proj/exp1/metrics.json'),
      ].map((r) => [r.project, r.name]),
      [
        ['exp1', 'resnet'],
        ['proj', 'exp1'],
      ],
    );
  });
});

describe('jsonl: reader', function () {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  function run(rel: string): DetectedRun {
    return jsonlRun(tmp.root, tmp.path(rel));
  }

  it('step key: step, else iteration, else global_step, else epoch, else the record index', async function () {
    tmp.write(
      'm.jsonl',
      lines(
        { step: 10, iteration: 99, a: 1 },
        { iteration: 20, b: 2 },
        { global_step: 30, c: 3 },
        { epoch: 4, d: 4 },
        { e: 5 },
      ),
    );
    const state = await readRunOnce(jsonlFormat, run('m.jsonl'));
    assert.deepEqual(values(state, 'a'), [[10, 1]]);
    assert.deepEqual(values(state, 'iteration'), [[10, 99]]); // not the step key of that record: a series
    assert.deepEqual(values(state, 'b'), [[20, 2]]);
    assert.deepEqual(values(state, 'c'), [[30, 3]]);
    assert.deepEqual(values(state, 'd'), [[4, 4]]);
    assert.deepEqual(values(state, 'e'), [[4, 5]]); // fifth record → index 4
    assert.ok(!state.series.has('step') && !state.series.has('global_step') && !state.series.has('epoch'));
  });

  it('flattens nested objects with "/", skips strings/bools/null/arrays, takes timestamp as wall time', async function () {
    tmp.write(
      'm.jsonl',
      lines({
        step: 1,
        timestamp: 1700000000123,
        train: { loss: 0.5, sub: { x: 2 } },
        tag: 'a',
        ok: true,
        n: null,
        arr: [1],
      }),
    );
    const state = await readRunOnce(jsonlFormat, run('m.jsonl'));
    assert.deepEqual([...state.series.keys()].sort(), ['train/loss', 'train/sub/x']);
    assert.equal(state.series.get('train/loss')?.wallTimes[0], 1700000000.123);
  });

  it('keeps NaN and ±Infinity values', async function () {
    tmp.write('m.jsonl', lines({ step: 1, loss: NaN }, { step: 2, loss: Infinity }, { step: 3, loss: -Infinity }));
    const state = await readRunOnce(jsonlFormat, run('m.jsonl'));
    const v = [...(state.series.get('loss')?.values ?? [])];
    assert.ok(Number.isNaN(v[0]));
    assert.deepEqual(v.slice(1), [Infinity, -Infinity]);
  });

  it('growth: half a line is kept until the rest arrives', async function () {
    const file = tmp.write('m.jsonl', lines({ step: 1, loss: 1 }) + '{"step": 2, "lo');
    const reader = jsonlFormat.createReader(run('m.jsonl'));
    const first = await reader.poll();
    assert.deepEqual([...(first.points?.get('loss')?.steps ?? [])], [1]);
    fs.appendFileSync(file, 'ss": 0.5}\n');
    const second = await reader.poll();
    assert.equal(second.reset, undefined);
    assert.deepEqual([...(second.points?.get('loss')?.steps ?? [])], [2]);
    assert.deepEqual(await reader.poll(), {});
  });

  it('a whole last record without its newline is read once, not again when the newline comes', async function () {
    const file = tmp.write('m.jsonl', lines({ step: 1, loss: 1 }) + '{"step": 2, "loss": 2}');
    const reader = jsonlFormat.createReader(run('m.jsonl'));
    const state = new RunState(run('m.jsonl'));
    state.apply(await reader.poll());
    fs.appendFileSync(file, '\n' + lines({ step: 3, loss: 3 }));
    state.apply(await reader.poll());
    assert.deepEqual(values(state, 'loss'), [
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('a cut last line is waited for while the file is fresh, and named once it is left alone', async function () {
    tmp.write('m.jsonl', lines({ step: 1, loss: 1 }) + '{"step": 2, "lo');
    const fresh = jsonlFormat.createReader(run('m.jsonl'));
    const freshState = new RunState(run('m.jsonl'));
    freshState.apply(await fresh.poll());
    assert.deepEqual(freshState.errors, [], 'a live writer may be mid-line');
    const quiet = jsonlFormat.createReader(run('m.jsonl'), { quietMs: 0 });
    const state = new RunState(run('m.jsonl'));
    state.apply(await quiet.poll());
    state.apply(await quiet.poll());
    assert.deepEqual(
      state.errors.map((e) => e.code),
      ['truncated-line'],
      'once, not per poll',
    );
    assert.match(state.errors[0].message, /Line 2 ends without its newline/);
    assert.deepEqual(values(state, 'loss'), [[1, 1]]);
  });

  it('every malformed line is a named error and the rest loads', async function () {
    tmp.write(
      'm.jsonl',
      lines({ step: 1, loss: 1 }) +
        'not json at all\n[1, 2]\n"str"\n{"step": 2, "loss": }\n\n' +
        lines({ step: 3, loss: 3 }),
    );
    const state = await readRunOnce(jsonlFormat, run('m.jsonl'));
    assert.deepEqual(
      state.errors.map((e) => [e.code, /Line (\d+)/.exec(e.message)?.[1]]),
      [
        ['bad-json-line', '2'],
        ['not-an-object', '3'],
        ['not-an-object', '4'],
        ['bad-json-line', '5'],
      ],
    );
    assert.deepEqual(values(state, 'loss'), [
      [1, 1],
      [3, 3],
    ]);
  });

  it('a missing file is one read-failed error, not one per poll, and poll never throws', async function () {
    const reader = jsonlFormat.createReader(run('gone.jsonl'));
    const first = await reader.poll();
    assert.equal(first.errors?.[0].code, 'read-failed');
    assert.deepEqual(await reader.poll(), {});
  });

  it('a truncated and rewritten file gives reset with the whole new state', async function () {
    const file = tmp.write('m.jsonl', lines({ step: 1, loss: 1 }, { step: 2, loss: 2 }, { step: 3, loss: 3 }));
    const reader = jsonlFormat.createReader(run('m.jsonl'));
    const state = new RunState(run('m.jsonl'));
    state.apply(await reader.poll());
    fs.writeFileSync(file, lines({ step: 1, acc: 7 }));
    const delta = await reader.poll();
    assert.equal(delta.reset, true);
    state.apply(delta);
    assert.deepEqual([...state.series.keys()], ['acc']);
  });

  it('a restart that re-logs steps (detectron2 resume): newer values win, within one poll and across polls', async function () {
    const file = tmp.write(
      'metrics.json',
      lines({ iteration: 19, loss: 9 }, { iteration: 19, loss: 1 }, { iteration: 39, loss: 2 }),
    );
    const reader = jsonlFormat.createReader(run('metrics.json'));
    const state = new RunState(run('metrics.json'));
    const first = await reader.poll();
    assert.equal(first.reset, undefined);
    state.apply(first);
    assert.deepEqual(values(state, 'loss'), [
      [19, 1],
      [39, 2],
    ]);
    fs.appendFileSync(file, lines({ iteration: 39, loss: 3 }, { iteration: 59, loss: 4 }));
    const second: RunDelta = await reader.poll();
    assert.equal(second.reset, true);
    state.apply(second);
    assert.deepEqual(values(state, 'loss'), [
      [19, 1],
      [39, 3],
      [59, 4],
    ]);
  });

  it('epoch-keyed records keep every point at a repeated epoch', async function () {
    tmp.write('m.jsonl', lines({ epoch: 0, loss: 3 }, { epoch: 0, loss: 2 }, { epoch: 1, loss: 1 }));
    const state = await readRunOnce(jsonlFormat, run('m.jsonl'));
    assert.deepEqual(values(state, 'loss'), [
      [0, 3],
      [0, 2],
      [1, 1],
    ]);
  });

  it('bounded fuzz: any split of the bytes into appends gives the same series as one read', async function () {
    const records = Array.from({ length: 40 }, (_, i) => ({
      step: i,
      loss: i % 7 === 0 ? NaN : 1 / (i + 1),
      nested: { acc: i / 40 },
      損失: i * 2, // multi-byte UTF-8: a split may fall inside a character
      note: 'x',
    }));
    const bytes = Buffer.from(lines(...records));
    const whole = tmp.write('whole.jsonl', bytes);
    const expected = await readRunOnce(jsonlFormat, run('whole.jsonl'));
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let c = 0; c < 25; c++) {
      const file = tmp.write(`split${c}.jsonl`, '');
      const reader = jsonlFormat.createReader(run(`split${c}.jsonl`));
      const state = new RunState(run(`split${c}.jsonl`));
      let at = 0;
      while (at < bytes.length) {
        const next = Math.min(bytes.length, at + 1 + rand(120));
        fs.appendFileSync(file, bytes.subarray(at, next));
        at = next;
        state.apply(await reader.poll());
      }
      state.apply(await reader.poll());
      for (const [name, series] of expected.series) {
        assert.deepEqual([...(state.series.get(name)?.steps ?? [])], [...series.steps], `case ${c} ${name}`);
        assert.deepEqual([...(state.series.get(name)?.values ?? [])], [...series.values], `case ${c} ${name}`);
      }
      assert.deepEqual(state.errors, []);
    }
    assert.ok(whole);
  });
});

describe('jsonl: detectron2 checkpoints', function () {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('weight files beside the log are checkpoints; step from the name, `last_checkpoint` labels one "last"', async function () {
    tmp.write('output/metrics.json', lines({ iteration: 19, loss: 1 }));
    tmp.write('output/model_0000019.pth', new Uint8Array(10));
    tmp.write('output/model_final.pth', new Uint8Array(20));
    tmp.write('output/last_checkpoint', 'model_final.pth');
    const run = jsonlRun(tmp.path('output'), tmp.path('output', 'metrics.json'));
    const state = await readRunOnce(jsonlFormat, run);
    assert.deepEqual(state.checkpoints.map((c) => [c.path.split('/').pop(), c.step, c.label, c.sizeBytes]).sort(), [
      ['model_0000019.pth', 19, undefined, 10],
      ['model_final.pth', undefined, 'last', 20],
    ]);
  });

  it('a reset (a restart re-logging handed-out steps) hands the checkpoints over again', async function () {
    const file = tmp.write('output/metrics.json', lines({ iteration: 19, loss: 1 }, { iteration: 39, loss: 2 }));
    tmp.write('output/model_0000039.pth', new Uint8Array(5));
    const run = jsonlRun(tmp.path('output'), file);
    const reader = jsonlFormat.createReader(run);
    const state = new RunState(run);
    state.apply(await reader.poll());
    fs.appendFileSync(file, lines({ iteration: 19, loss: 0.5 }));
    const delta = await reader.poll();
    assert.equal(delta.reset, true);
    state.apply(delta);
    assert.equal(state.checkpoints.length, 1);
    assert.deepEqual(values(state, 'loss'), [[19, 0.5]]);
  });
});
