import assert from 'node:assert/strict';
import { bestCheckpoint, checkpointDetail, checkpointStep } from '../../../src/core/checkpoints/runCheckpoints';
import type { CheckpointArtifact } from '../../../src/core/runs/model';
import { Series } from '../../../src/core/series/series';

function epochSeries(rows: [step: number, epoch: number][]): Series {
  const s = new Series('epoch');
  for (const [step, epoch] of rows) {
    s.push(step, epoch);
  }
  return s;
}

const ckpt = (name: string, extra: Partial<CheckpointArtifact> = {}): CheckpointArtifact => ({
  path: `/run/checkpoints/${name}`,
  ...extra,
});

describe('Checkpoints of a run', () => {
  it('places a checkpoint named by epoch at the last step logged in that epoch', () => {
    const epochs = epochSeries([
      [9, 0],
      [19, 0],
      [29, 1],
      [39, 1],
      [49, 2],
    ]);
    assert.equal(checkpointStep(ckpt('a', { epoch: 1 }), epochs), 39);
    assert.equal(checkpointStep(ckpt('b', { epoch: 1, step: 35 }), epochs), 35, 'its own step first');
    assert.equal(checkpointStep(ckpt('c', { epoch: 7 }), epochs), undefined, 'an epoch never logged');
    assert.equal(checkpointStep(ckpt('d', { epoch: 1 }), undefined), undefined, 'no epoch series');
    assert.equal(checkpointStep(ckpt('last.ckpt', { label: 'last' }), epochs), undefined);
  });

  it('takes the labelled best, else the best by the metric the names share, as its name says', () => {
    const losses = [
      ckpt('epoch=1-val_loss=0.50.ckpt'),
      ckpt('epoch=2-val_loss=0.31.ckpt'),
      ckpt('epoch=3-val_loss=0.42.ckpt'),
      ckpt('last.ckpt', { label: 'last' }),
    ];
    assert.equal(bestCheckpoint(losses)?.path, '/run/checkpoints/epoch=2-val_loss=0.31.ckpt');
    const accs = [
      ckpt('epoch=1-val_acc=0.80.ckpt'),
      ckpt('epoch=2-val_acc=0.91.ckpt'),
      ckpt('epoch=3-val_acc=0.85.ckpt'),
    ];
    assert.equal(bestCheckpoint(accs)?.path, '/run/checkpoints/epoch=2-val_acc=0.91.ckpt', 'higher is better');
    const labelled = [...losses, ckpt('best.ckpt', { label: 'best' })];
    assert.equal(bestCheckpoint(labelled)?.path, '/run/checkpoints/best.ckpt');
    assert.equal(bestCheckpoint([ckpt('epoch=1-val_loss=0.5.ckpt')]), undefined, 'one alone is not "best"');
    const topK = [
      ckpt('best-epoch=1-val_loss=0.30.ckpt', { label: 'best' }),
      ckpt('best-epoch=2-val_loss=0.20.ckpt', { label: 'best' }),
      ckpt('best-epoch=3-val_loss=0.25.ckpt', { label: 'best' }),
    ];
    assert.equal(bestCheckpoint(topK)?.path, '/run/checkpoints/best-epoch=2-val_loss=0.20.ckpt', 'top-k "best" files');
    const steps = [ckpt('model_step=100.ckpt'), ckpt('model_step=200.ckpt')];
    assert.equal(bestCheckpoint(steps), undefined, 'a step in the name is no metric');
    assert.equal(bestCheckpoint([ckpt('epoch=1-step=9.ckpt'), ckpt('epoch=2-step=19.ckpt')]), undefined);
    assert.equal(
      bestCheckpoint([
        ckpt('epoch=1-val_loss=nan.ckpt'),
        ckpt('epoch=2-val_loss=0.9.ckpt'),
        ckpt('epoch=3-val_loss=1.ckpt'),
      ])?.path,
      '/run/checkpoints/epoch=2-val_loss=0.9.ckpt',
      'NaN is never best',
    );
  });

  it('describes a checkpoint: label, epoch, step, size, when saved', () => {
    const saved = new Date(2026, 10, 23, 14, 3).getTime();
    assert.equal(
      checkpointDetail(ckpt('a', { epoch: 4, step: 100, sizeBytes: 2048, mtimeMs: saved }), false),
      'epoch 4 · step 100 · 2.0 KB · saved 2026-11-23 14:03',
    );
    assert.equal(checkpointDetail(ckpt('b', { epoch: 2 }), true), 'best · epoch 2');
    assert.equal(checkpointDetail(ckpt('last.ckpt', { label: 'last' }), false), 'last');
  });
});
