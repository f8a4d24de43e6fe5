// The CLI's JSON contract (README "CLI"), through the built command as a script would call it: scan --json
// values (n, first/last, min/max ignoring NaN, NaN/±Inf as strings), the plain table, export csv/json.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../support/tempDirs';

const CLI = path.resolve(__dirname, '..', '..', '..', 'src', 'cli.js');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

interface Summary {
  n: number;
  first: [number, number | string];
  last: [number, number | string];
  min: number | string | null;
  max: number | string | null;
}

describe('cli: the JSON contract', function () {
  this.timeout(30_000);
  let root: string;
  let file: string;
  before(() => {
    root = tempDir('runboard-cli-');
    file = path.join(root, 'exp', 'diverged.jsonl');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const records = [
      '{"step": 0, "loss": 2.5, "acc": 0.1, "gone": NaN, "_timestamp": 1700000000}',
      '{"step": 1, "loss": NaN, "acc": 0.2, "gone": NaN, "_timestamp": 1700000001}',
      '{"step": 2, "loss": 0.5, "acc": -Infinity, "gone": NaN, "_timestamp": 1700000002}',
      '{"step": 3, "loss": Infinity, "acc": 0.4, "gone": NaN, "_timestamp": 1700000003}',
    ];
    fs.writeFileSync(file, records.join('\n') + '\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('scan --json: version 1, the run, and each series summarised as documented', () => {
    const out = cli('scan', root, '--json');
    assert.equal(out.status, 0, out.stderr);
    const doc = JSON.parse(out.stdout) as { runboard: number; runs: Record<string, unknown>[] };
    assert.equal(doc.runboard, 1);
    assert.equal(doc.runs.length, 1);
    const run = doc.runs[0] as { format: string; project: string; name: string; series: Record<string, Summary> };
    assert.deepEqual([run.format, run.project, run.name], ['jsonl', 'exp', 'diverged']);
    // n counts every point; first/last in file order; min/max ignore NaN and include ±Inf, as strings.
    assert.deepEqual(run.series.loss, { n: 4, first: [0, 2.5], last: [3, 'Infinity'], min: 0.5, max: 'Infinity' });
    assert.deepEqual(run.series.acc, { n: 4, first: [0, 0.1], last: [3, 0.4], min: '-Infinity', max: 0.4 });
    assert.deepEqual(run.series.gone, { n: 4, first: [0, 'NaN'], last: [3, 'NaN'], min: null, max: null });
  });

  it('scan without --json: one table row per run with its key metric', () => {
    const out = cli('scan', root);
    assert.equal(out.status, 0, out.stderr);
    const [header, row] = out.stdout.trim().split('\n');
    assert.match(header, /^FORMAT\s+PROJECT\s+RUN\s+STATUS\s+SERIES\s+KEY METRIC/);
    assert.match(row, /^jsonl\s+exp\s+diverged\s+\S+\s+3\s+loss=\+Inf/);
  });

  it('export --format csv: series,step,value,wall_time rows, NaN and Infinity spelt out', () => {
    const out = cli('export', file, '--format', 'csv');
    assert.equal(out.status, 0, out.stderr);
    const lines = out.stdout.trim().split('\n');
    assert.equal(lines[0], 'series,step,value,wall_time');
    const loss = lines.filter((l) => l.startsWith('loss,'));
    assert.deepEqual(loss, [
      'loss,0,2.5,1700000000',
      'loss,1,NaN,1700000001',
      'loss,2,0.5,1700000002',
      'loss,3,Infinity,1700000003',
    ]);
  });

  it('export --format json: every point of every series, the same spellings', () => {
    const out = cli('export', file, '--format', 'json');
    assert.equal(out.status, 0, out.stderr);
    const doc = JSON.parse(out.stdout) as {
      runboard: number;
      run: { name: string };
      series: Record<string, { steps: number[]; values: (number | string)[]; wallTimes: number[] }>;
    };
    assert.equal(doc.runboard, 1);
    assert.equal(doc.run.name, 'diverged');
    assert.deepEqual(doc.series.loss, {
      steps: [0, 1, 2, 3],
      values: [2.5, 'NaN', 0.5, 'Infinity'],
      wallTimes: [1700000000, 1700000001, 1700000002, 1700000003],
    });
  });

  it('exits 2 on a usage error, with a message', () => {
    const out = cli('export', file, '--format', 'xml');
    assert.equal(out.status, 2);
    assert.notEqual(out.stderr.trim(), '');
  });
});
