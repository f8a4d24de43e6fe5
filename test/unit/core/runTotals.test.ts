import assert from 'node:assert/strict';
import { totalsFromConfig } from '../../../src/core/runs/runTotals';

describe('Run totals from the config (for the ETA)', () => {
  it('reads epochs and steps under the names trainers use, the most specific first', () => {
    assert.deepEqual(totalsFromConfig({ epochs: 20, lr: 0.1 }), { totalEpochs: 20 });
    assert.deepEqual(totalsFromConfig({ 'trainer.max_epochs': 30, epochs: 20 }), { totalEpochs: 30 });
    assert.deepEqual(totalsFromConfig({ max_steps: 5000, num_epochs: 3 }), { totalEpochs: 3, totalSteps: 5000 });
    assert.deepEqual(totalsFromConfig({ epochs: '12' }), { totalEpochs: 12 }, 'MLflow params are text');
  });

  it('leaves out what is no total: -1 (no limit), fractions, text, W&B summary values', () => {
    assert.deepEqual(totalsFromConfig({ max_epochs: -1 }), {});
    assert.deepEqual(totalsFromConfig({ epochs: 2.5 }), {});
    assert.deepEqual(totalsFromConfig({ epochs: 'ten', max_steps: '' }), {});
    assert.deepEqual(totalsFromConfig({ 'summary.epochs': 9 }), {});
    assert.deepEqual(totalsFromConfig({ epoch_size: 100, steps_per_epoch: 50 }), {});
    assert.deepEqual(totalsFromConfig({ num_steps: 128, total_timesteps: 500000 }), {}, 'PPO: num_steps is a rollout');
    assert.deepEqual(
      totalsFromConfig({ max_steps: 5000, epochs: 3 }, false),
      { totalEpochs: 3 },
      'W&B steps are log calls',
    );
  });
});
