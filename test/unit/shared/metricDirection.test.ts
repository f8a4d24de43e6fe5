import assert from 'node:assert/strict';
import { lowerIsBetter } from '../../../src/shared/metricDirection';

describe('Metric direction', () => {
  it('takes losses, errors, perplexity, distances and times as lower-is-better', () => {
    for (const name of [
      'loss',
      'val_loss',
      'val/loss',
      'train/box_loss',
      'trainloss',
      'eval_runtime',
      'top1_err',
      'error_rate',
      'val/errors',
      'perplexity',
      'val_ppl',
      'test/mse',
      'wer',
      'epoch_time',
      'chamfer_distance',
    ]) {
      assert.equal(lowerIsBetter(name), true, name);
    }
  });

  it('takes everything else as higher-is-better, also names that merely contain those letters', () => {
    for (const name of [
      'accuracy',
      'val/acc',
      'metrics/mAP50-95(B)',
      'f1',
      'reward',
      'val_sentiment_acc',
      'answer_acc',
      'lossless_ratio_score',
    ]) {
      assert.equal(lowerIsBetter(name), false, name);
    }
  });
});
