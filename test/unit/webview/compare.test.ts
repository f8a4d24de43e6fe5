import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { againstBaseline, firstStepBeating } from '../../../src/webview/compare/baseline';
import { diffConfigs, ignoreMatcher } from '../../../src/webview/compare/configDiff';
import { buildReport } from '../../../src/webview/compare/report';
import { summaryColumns, summaryCsv } from '../../../src/webview/compare/summaryTable';
import { DEFAULT_IGNORE_KEYS, PALETTE, runStyle } from '../../../src/shared/compareProtocol';
import type { SeriesInfoDto } from '../../../src/shared/runProtocol';

const sv = (steps: number[], values: number[]) => ({ steps, values, length: steps.length });

describe('Compare: baseline', () => {
  it('takes differences and ratios at matching steps only', () => {
    const run = sv([0, 1, 2, 3], [5, 4, 3, 2]);
    const base = sv([0, 2, 3, 9], [4, 4, 4, 4]);
    assert.deepEqual(againstBaseline(run, base, 'difference'), {
      steps: [0, 2, 3],
      values: [1, -1, -2],
      indexes: [0, 2, 3],
    });
    assert.deepEqual(againstBaseline(run, base, 'ratio').values, [1.25, 0.75, 0.5]);
  });

  it('finds the first step that beats the baseline, in the right direction', () => {
    const run = sv([0, 1, 2], [1.0, 0.8, 0.5]);
    const base = sv([0, 1, 2], [0.9, 0.9, 0.9]);
    assert.equal(firstStepBeating(run, base, true), 1);
    assert.equal(firstStepBeating(run, base, false), 0);
    assert.equal(firstStepBeating(sv([0], [NaN]), base, true), undefined);
  });
});

describe('Compare: config diff', () => {
  it('keeps differing keys, ignores seeds/paths/timestamps, shows missing keys as differences', () => {
    const rows = diffConfigs(
      [
        [
          ['lr', '0.1'],
          ['seed', '1'],
          ['data.path', '/a'],
          ['bs', '32'],
        ],
        [
          ['lr', '0.2'],
          ['seed', '2'],
          ['data.path', '/b'],
          ['bs', '32'],
          ['extra', 'x'],
        ],
      ],
      ['seed', '*path*'],
      false,
    );
    assert.deepEqual(
      rows.map((r) => r.key),
      ['extra', 'lr'],
    );
    assert.deepEqual(rows[0].values, [undefined, 'x']);
    assert.equal(diffConfigs([[['bs', '32']], [['bs', '32']]], [], true)[0].differs, false);
  });

  it('the default ignore list drops seeds, paths, folders and timestamps, and keeps real hyperparameters', () => {
    const ignored = ignoreMatcher([...DEFAULT_IGNORE_KEYS]);
    const dropped = ['seed', 'data.random_seed', 'manualSeed', 'output_dir', 'logdir', 'outdir', 'callbacks.dirpath'];
    dropped.push('trainer.default_root_dir');
    dropped.push('model_name_or_path', 'checkpoint_path', 'hydra.run.dir', 'timestamp', 'run.start_time', '_wandb.t');
    dropped.push('mlflow.source.name', 'created_date');
    for (const key of dropped) {
      assert.ok(ignored(key), `${key} is left out`);
    }
    const kept = ['update_freq', 'target_update_interval', 'warmup_updates', 'validate_every', 'candidates'];
    kept.push(
      'bidirectional',
      'model.direction',
      'total_timesteps',
      'max_time',
      'drop_path_rate',
      'drop_path',
      'model.attn_drop_path',
      'lr',
      'seed_everything_workers',
    );
    for (const key of kept) {
      assert.ok(!ignored(key), `${key} is a hyperparameter`);
    }
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
    };
    const setting = manifest.contributes.configuration.properties['runboard.compare.ignoreKeys'];
    assert.deepEqual(setting.default, DEFAULT_IGNORE_KEYS, "package.json's default is the same list");
  });

  it('matches patterns on the whole key or its last part, case-insensitively', () => {
    const ignored = ignoreMatcher(['*time*', 'seed']);
    assert.ok(ignored('trainer.train_runtime'));
    assert.ok(ignored('model.SEED'));
    assert.ok(!ignored('model.lr'));
  });
});

describe('Compare: summary', () => {
  const infos = new Map<string, SeriesInfoDto>([
    ['a\u0000val_loss', { name: 'val_loss', n: 3, last: [3, 0.5], min: 0.4, minStep: 2, max: 1 }],
    ['b\u0000val_loss', { name: 'val_loss', n: 3, last: [3, 0.3], min: 0.3, minStep: 3, max: 1 }],
    ['a\u0000acc', { name: 'acc', n: 3, last: [3, 0.9], min: 0.1, max: 0.95, maxStep: 2 }],
    ['b\u0000acc', { name: 'acc', n: 3, last: [3, 0.8], min: 0.05, max: 0.85, maxStep: 3 }],
  ]);

  it('marks the best run per metric: lower for losses, higher otherwise, flippable', () => {
    const cols = summaryColumns(['val_loss', 'acc'], ['a', 'b'], infos, []);
    assert.equal(cols[0].bestRun, 1);
    assert.equal(cols[1].bestRun, 0);
    assert.equal(summaryColumns(['acc'], ['a', 'b'], infos, ['acc'])[0].bestRun, 1);
  });

  it('exports CSV and a Markdown report with the best marked', () => {
    const cols = summaryColumns(['val_loss'], ['a', 'b'], infos, []);
    assert.equal(
      summaryCsv(cols, ['run, "a"', 'b']),
      'run,val_loss last,val_loss best\n"run, ""a""",0.5,0.4\nb,0.3,0.3\n',
    );
    const runs = [
      {
        id: 'a',
        name: 'a|x',
        label: 'a|x',
        project: 'p',
        dir: '/w/a',
        formatLabel: 'CSV',
        status: 'finished' as const,
        color: 0,
      },
      {
        id: 'b',
        name: 'b',
        label: 'b',
        project: 'p',
        dir: '/w/b',
        formatLabel: 'CSV',
        status: 'finished' as const,
        color: 1,
      },
    ];
    const md = buildReport(
      runs,
      cols,
      {
        a: [
          ['lr', '1'],
          ['note', '<img src=x onerror=alert(1)>'],
        ],
        b: [['lr', '2']],
      },
      [],
      [
        { metric: 'val_loss', file: 'chart-1.png' },
        { metric: 'a](javascript:x)', file: 'chart-2.png' },
      ],
    );
    assert.match(md, /\| a\\\|x \|/);
    assert.match(md, /\| note \| &lt;img src=x onerror=alert\(1\)&gt; \| — \|/, 'HTML in a value is shown as text');
    assert.ok(!md.includes('<img'));
    assert.match(md, /!\[a\\\]\(javascript:x\)\]\(chart-2\.png\)/, 'a metric name cannot close the image link');
    assert.match(md, /\*\*0\.3 \(0\.3 @ 3\)\*\*/);
    assert.match(md, /\| lr \| 1 \| 2 \|/);
    assert.match(md, /!\[val_loss\]\(chart-1\.png\)/);
  });
});

describe('Compare: run styles', () => {
  it('gives 80 runs 80 distinct colour-and-dash styles; the first palette pass is solid', () => {
    const styles = Array.from({ length: 80 }, (_, i) => runStyle(i));
    assert.equal(new Set(styles.map((s) => `${s.color}|${s.dash.join(',')}`)).size, 80);
    assert.ok(styles.slice(0, PALETTE.length).every((s) => s.dash.length === 0));
    assert.equal(runStyle(PALETTE.length).color, runStyle(0).color, 'the colour comes round again…');
    assert.notDeepEqual(runStyle(PALETTE.length).dash, runStyle(0).dash, '…with a dash');
  });
});
