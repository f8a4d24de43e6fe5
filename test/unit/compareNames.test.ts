import assert from 'node:assert/strict';
import { compareLabels, type NamedRun } from '../../src/extension/panels/compareNames';

const run = (id: string, name: string, project: string, dir: string): NamedRun => ({ id, name, project, dir });
const labels = (runs: NamedRun[]) => runs.map((r) => compareLabels(runs).get(r.id));

describe('Compare: run labels', () => {
  it('keeps unique names as they are', () => {
    const runs = [run('1', 'version_0', 'a', '/w/a/version_0'), run('2', 'exp', 'a', '/w/a/exp')];
    assert.deepEqual(labels(runs), ['version_0', 'exp']);
  });

  it('adds the project when it tells runs of the same name apart', () => {
    const runs = [
      run('1', 'version_0', 'projA', '/w/lightning_logs/projA/version_0'),
      run('2', 'version_0', 'projB', '/w/lightning_logs/projB/version_0'),
      run('3', 'version_1', 'projA', '/w/lightning_logs/projA/version_1'),
    ];
    assert.deepEqual(labels(runs), ['version_0 (projA)', 'version_0 (projB)', 'version_1']);
  });

  it('falls back to the shortest distinguishing tail of the folder path', () => {
    const runs = [
      run('1', 'train', 'runs', '/home/me/a/runs/train'),
      run('2', 'train', 'runs', '/home/me/b/runs/train'),
      run('3', 'train', 'detect', '/home/me/b/detect/train'),
    ];
    assert.deepEqual(labels(runs), ['train (a/runs)', 'train (b/runs)', 'train (detect)']);
  });

  it('uses the folder itself when it is not the name (W&B run folders), and Windows separators', () => {
    const runs = [
      run('1', 'exp', 'p', 'C:\\work\\wandb\\run-20240101_000000-aaaa'),
      run('2', 'exp', 'p', 'C:\\work\\wandb\\run-20240102_000000-bbbb'),
    ];
    assert.deepEqual(labels(runs), ['exp (run-20240101_000000-aaaa)', 'exp (run-20240102_000000-bbbb)']);
  });

  it('numbers runs that nothing else tells apart, and never repeats a label', () => {
    const runs = [run('1', 'exp', 'p', '/w/p'), run('2', 'exp', 'p', '/w/p'), run('3', 'exp (p)', 'q', '/w/q')];
    const out = labels(runs);
    assert.equal(new Set(out).size, 3, `labels: ${out.join(' | ')}`);
    assert.deepEqual(out, ['exp (p)', 'exp (p) #2', 'exp (p) #3']);
  });

  it('is unique for 50 runs spread over 5 projects with 10 shared names', () => {
    const runs: NamedRun[] = [];
    for (let p = 0; p < 5; p++) {
      for (let v = 0; v < 10; v++) {
        runs.push(run(`${p}/${v}`, `version_${v}`, `proj${p}`, `/w/proj${p}/version_${v}`));
      }
    }
    const out = labels(runs);
    assert.equal(new Set(out).size, 50);
    assert.equal(out[12], 'version_2 (proj1)');
  });
});
