// Every source folder listed in PROVENANCE.md is found with the right format, by the same discovery
// the extension and the CLI use; broken samples carry their named error; the CLI's JSON holds up.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { RunFormat } from '../../src/core/runs/model';
import { ALL_FORMATS } from '../../src/core/sources/registry';
import { discoverRuns } from '../../src/core/watch/discovery';
import { makeExcluder } from '../../src/core/watch/excludes';
import { scanRuns } from '../../src/cli/scanRuns';
import { requireFixtures } from '../support/fixtures';

const FOLDER_FORMAT: Record<string, RunFormat> = {
  ultralytics: 'ultralytics',
  tensorboard: 'tensorboard',
  wandb: 'wandb',
  mlflow: 'mlflow',
  'lightning-csv': 'lightning',
  'hf-trainer': 'hf-trainer',
  dvclive: 'dvclive',
  'keras-csv': 'keras-csv',
  jsonl: 'jsonl',
};

/** The generated set: folder → formats that must be found there. */
const GENERATED: Record<string, RunFormat[]> = {
  wandb: ['wandb'],
  runs: ['tensorboard'],
  tbx_runs: ['tensorboard'],
  tf_logs: ['tensorboard'],
  keras_logs: ['tensorboard', 'keras-csv'],
  lightning_logs: ['lightning', 'tensorboard'],
  hf_runs: ['hf-trainer'],
};

function provenanceSources(root: string): string[] {
  const text = fs.readFileSync(path.join(root, 'PROVENANCE.md'), 'utf8');
  return [...text.matchAll(/^### `([^`]+)`/gm)].map((m) => m[1]);
}

describe('real-world discovery', function () {
  this.timeout(120_000);
  let root: string;
  before(function () {
    root = requireFixtures(this);
  });

  it('finds every PROVENANCE.md source with its format', async () => {
    const sources = provenanceSources(root);
    assert.ok(sources.length >= 30, `${sources.length} sources listed`);
    const misses: string[] = [];
    for (const source of sources) {
      const expected = FOLDER_FORMAT[source.split('/')[0]];
      const found = await discoverRuns([path.join(root, source)], {
        formats: [...ALL_FORMATS],
        isExcluded: makeExcluder(),
      });
      if (!found.some((f) => f.run.format === expected)) {
        misses.push(
          `${source}: expected ${expected}, found ${[...new Set(found.map((f) => f.run.format))].join(', ') || 'nothing'}`,
        );
      }
    }
    assert.deepEqual(misses, []);
  });

  it('finds every generated run with its format', async () => {
    for (const [folder, formats] of Object.entries(GENERATED)) {
      const found = await discoverRuns([path.join(root, 'generated', folder)], {
        formats: [...ALL_FORMATS],
        isExcluded: makeExcluder(),
      });
      for (const format of formats) {
        assert.ok(
          found.some((f) => f.run.format === format),
          `generated/${folder}: no ${format} run`,
        );
      }
    }
  });

  it('never reports one run twice (symlinks such as wandb/latest-run)', async () => {
    const found = await discoverRuns([root], { formats: [...ALL_FORMATS], isExcluded: makeExcluder() });
    const ids = found.map((f) => f.run.id);
    assert.equal(new Set(ids).size, ids.length);
    const dirs = found.map((f) => `${f.run.format}:${fs.realpathSync(f.run.file ?? f.run.dir)}`);
    assert.equal(new Set(dirs).size, dirs.length, 'no run reached twice through a link');
  });

  it('gives the Git LFS pointer sample its named error and still loads the rest', async () => {
    const runs = await scanRuns([path.join(root, 'hf-trainer', 'p4p4n1ck-whisper-large-v2-ja')]);
    const tb = runs.find((r) => r.format === 'tensorboard');
    assert.ok(tb, 'the TensorBoard run beside the HF output');
    assert.ok(
      tb.errors.some((e) => e.code === 'lfs-pointer'),
      JSON.stringify(tb.errors),
    );
    const hf = runs.find((r) => r.format === 'hf-trainer');
    assert.ok(hf && hf.series.size > 0, 'the HF run still has its series');
  });

  it('`runboard scan --json` prints the documented contract for every fixture', function () {
    const cli = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
    if (!fs.existsSync(cli)) {
      this.skip();
    }
    const out = execFileSync(process.execPath, [cli, 'scan', root, '--json'], {
      maxBuffer: 256 * 1024 * 1024,
    }).toString();
    const doc = JSON.parse(out);
    assert.equal(doc.runboard, 1);
    assert.ok(doc.runs.length > 100, `${doc.runs.length} runs`);
    for (const run of doc.runs) {
      for (const key of [
        'id',
        'format',
        'project',
        'name',
        'dir',
        'status',
        'files',
        'config',
        'series',
        'artifacts',
        'errors',
      ]) {
        assert.ok(key in run, `${run.id} lacks ${key}`);
      }
      assert.ok(Array.isArray(run.artifacts.checkpoints) && Array.isArray(run.artifacts.images));
      for (const file of run.files) {
        assert.ok(path.isAbsolute(file), `${file} is not absolute`);
      }
      for (const s of Object.values(run.series) as { n: number; first: unknown[]; min: unknown }[]) {
        assert.equal(typeof s.n, 'number');
        assert.ok(s.first === null || s.first.length === 2);
        assert.ok(
          s.min === null || typeof s.min === 'number' || ['NaN', 'Infinity', '-Infinity'].includes(s.min as string),
        );
      }
    }
  });
});
