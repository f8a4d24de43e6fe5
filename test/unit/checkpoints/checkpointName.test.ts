import assert from 'node:assert/strict';
import { parseCheckpointName } from '../../../src/core/checkpoints/checkpointName';

const CASES: Array<[string, ReturnType<typeof parseCheckpointName>]> = [
  ['epoch=4-val_loss=0.401.ckpt', { epoch: 4, metrics: { val_loss: 0.401 } }],
  ['epoch=4-step=100.ckpt', { epoch: 4, step: 100 }],
  ['epoch=3-val_loss=0.12-v1.ckpt', { epoch: 3, metrics: { val_loss: 0.12 } }],
  [
    'epoch=0-step=100-val_loss=-0.5-train_acc=1e-05.ckpt',
    { epoch: 0, step: 100, metrics: { val_loss: -0.5, train_acc: 1e-5 } },
  ],
  ['/runs/x/checkpoints/epoch=12-val_loss=nan.ckpt', { epoch: 12, metrics: { val_loss: NaN } }],
  ['/out/checkpoint-80/', { step: 80 }],
  ['checkpoint-80', { step: 80 }],
  ['last.pt', { label: 'last' }],
  ['best.pt', { label: 'best' }],
  ['last.ckpt', { label: 'last' }],
  ['last-v1.ckpt', { label: 'last' }],
  ['epoch10.pt', { epoch: 10 }],
  ['step_1000.safetensors', { step: 1000 }],
  ['model_epoch_12.pth', { epoch: 12 }],
  ['ckpt_epoch_3_step_900.pth.tar', { epoch: 3, step: 900 }],
  ['global_step1000', { step: 1000 }],
  ['iter_0001000', { step: 1000 }],
  ['model_0004999.pth', { step: 4999 }],
  ['model_final.pth', { label: 'final' }],
  ['best_model_epoch_7.pt', { label: 'best', epoch: 7 }],
  ['model-00001-of-00002.safetensors', {}],
  ['resnet-50.pth', {}],
  ['yolov8n.pt', {}],
  ['C:\\runs\\weights\\best.pt', { label: 'best' }],
  // Lightning templates joined with `_`: the prefix is text, the key an epoch or a step, not a metric.
  ['model_step=1000.ckpt', { step: 1000 }],
  ['checkpoint_epoch=02.ckpt', { epoch: 2 }],
  ['epoch=3_step=100.ckpt', { epoch: 3, step: 100 }],
  ['ckpt_epoch=3-step=100.ckpt', { epoch: 3, step: 100 }],
  ['ckpt_epoch=001-val_loss=0.50.ckpt', { epoch: 1, metrics: { val_loss: 0.5 } }],
  ['epoch=2-val_epoch_loss=0.3.ckpt', { epoch: 2, metrics: { val_epoch_loss: 0.3 } }],
];

describe('checkpoints/checkpointName', () => {
  for (const [name, expected] of CASES) {
    it(`${name} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(parseCheckpointName(name), expected);
    });
  }
});
