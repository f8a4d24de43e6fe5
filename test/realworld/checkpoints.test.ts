// The checkpoint inspector over real torch.save / Lightning / HF Trainer / safetensors files.
// Expected numbers were obtained once with torch 2.13.0+cpu and safetensors 0.8.0 (pip, local index):
// `torch.load(path, weights_only=False)`, then a walk of the loaded object (dict/list/tuple items, nn.Module
// `_parameters`/`_buffers`/`_modules` and other attributes, `vars()` of other objects) collecting every distinct
// tensor's name, dtype and numel; safetensors via `safe_open(path, 'pt')`. Model params: the numel of the tensors
// under the model key (`state_dict` / `model`), e.g. for last.pt `sum(p.numel() for p in m.parameters())` = 1526
// + buffers 33 + the `stride` tensor attribute 3 = 1562; Lightning `sum(t.numel() for t in c['state_dict'].values())` = 49.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseCheckpointName } from '../../src/core/checkpoints/checkpointName';
import { inspectCheckpoint } from '../../src/core/checkpoints/inspect';
import type { InspectResult } from '../../src/core/checkpoints/types';
import { requireFixtures } from '../support/fixtures';

interface Expected {
  format: InspectResult['format'];
  tensors: number;
  totalNumel: number;
  totalParams: number;
  dtypes: Record<string, number>;
  first?: [string, string, number[]];
  last?: [string, string, number[]];
  frameworks: string[];
}

const LIGHTNING: Expected = {
  format: 'torch-zip',
  tensors: 6,
  totalNumel: 51,
  totalParams: 49,
  dtypes: { float32: 6 },
  first: ['state_dict.net.0.weight', 'float32', [8, 4]],
  frameworks: ['lightning'],
};

const CASES: Record<string, Expected> = {
  'checkpoints/legacy_format.pth': {
    format: 'torch-legacy',
    tensors: 11,
    totalNumel: 1559,
    totalParams: 1559,
    dtypes: { float32: 10, int64: 1 },
    first: ['state_dict.stem.weight', 'float32', [8, 3, 3, 3]],
    last: ['state_dict.det.head.bias', 'float32', [6]],
    frameworks: [],
  },
  'checkpoints/state_dict.pth': {
    format: 'torch-zip',
    tensors: 11,
    totalNumel: 1559,
    totalParams: 1559,
    dtypes: { float32: 10, int64: 1 },
    first: ['stem.weight', 'float32', [8, 3, 3, 3]],
    last: ['det.head.bias', 'float32', [6]],
    frameworks: [],
  },
  'checkpoints/yolo-style/runs/detect/train/weights/last.pt': {
    format: 'torch-zip',
    tensors: 12,
    totalNumel: 1562,
    totalParams: 1562,
    dtypes: { float16: 10, int64: 1, float32: 1 },
    first: ['model.stem.weight', 'float16', [8, 3, 3, 3]],
    last: ['model.det.stride', 'float32', [3]],
    frameworks: ['ultralytics'],
  },
  'generated/lightning_logs/regressor/version_0/checkpoints/epoch=3-val_loss=0.450.ckpt': LIGHTNING,
  'generated/lightning_logs/regressor/version_0/checkpoints/epoch=4-val_loss=0.378.ckpt': LIGHTNING,
  'generated/lightning_logs/regressor/version_0/checkpoints/last.ckpt': LIGHTNING,
};
for (const step of [20, 40, 45]) {
  const dir = `generated/hf_runs/bert-tiny-cls/checkpoint-${step}`;
  CASES[`${dir}/model.safetensors`] = {
    format: 'safetensors',
    tensors: 25,
    totalNumel: 4130,
    totalParams: 4130,
    dtypes: { float32: 25 },
    first: ['bert.embeddings.LayerNorm.bias', 'float32', [16]],
    last: ['classifier.weight', 'float32', [2, 16]],
    frameworks: ['hf'],
  };
  CASES[`${dir}/optimizer.pt`] = {
    format: 'torch-zip',
    tensors: 75,
    totalNumel: 8285,
    totalParams: 0,
    dtypes: { float32: 75 },
    first: ['state.0.step', 'float32', []],
    last: ['state.24.exp_avg_sq', 'float32', [2]],
    frameworks: ['hf'],
  };
  CASES[`${dir}/rng_state.pth`] = {
    format: 'torch-zip',
    tensors: 1,
    totalNumel: 5056,
    totalParams: 0,
    dtypes: { uint8: 1 },
    first: ['cpu', 'uint8', [5056]],
    frameworks: ['hf'],
  };
  CASES[`${dir}/scheduler.pt`] = {
    format: 'torch-zip',
    tensors: 0,
    totalNumel: 0,
    totalParams: 0,
    dtypes: {},
    frameworks: ['hf'],
  };
  CASES[`${dir}/training_args.bin`] = {
    format: 'torch-zip',
    tensors: 0,
    totalNumel: 0,
    totalParams: 0,
    dtypes: {},
    frameworks: ['hf'],
  };
}

describe('realworld: checkpoint inspector', function () {
  let root = '';
  before(function () {
    root = requireFixtures(this);
  });

  for (const [rel, exp] of Object.entries(CASES)) {
    it(`${rel}: ${exp.format}, ${exp.tensors} tensors, ${exp.totalParams} params`, async () => {
      const file = path.join(root, rel);
      const r = await inspectCheckpoint(file);
      assert.deepEqual(r.errors, []);
      assert.equal(r.format, exp.format);
      assert.equal(r.fileSize, fs.statSync(file).size);
      assert.equal(r.tensors.length, exp.tensors);
      assert.equal(r.totalNumel, exp.totalNumel);
      assert.equal(r.totalParams, exp.totalParams);
      assert.deepEqual(r.dtypeCounts, exp.dtypes);
      assert.deepEqual(r.frameworks, exp.frameworks);
      const sig = (i: number): [string, string, number[]] => [
        r.tensors[i].name,
        r.tensors[i].dtype,
        r.tensors[i].shape,
      ];
      if (exp.first) {
        assert.deepEqual(sig(0), exp.first);
      }
      if (exp.last) {
        assert.deepEqual(sig(r.tensors.length - 1), exp.last);
      }
      assert.doesNotThrow(() => JSON.stringify(r));
    });
  }

  it('non-tensor values: Ultralytics epoch / best_fitness / train_args, Lightning hyper_parameters, HF TrainingArguments', async () => {
    const yolo = await inspectCheckpoint(path.join(root, 'checkpoints/yolo-style/runs/detect/train/weights/last.pt'));
    const y = yolo.tree as Record<string, unknown>;
    assert.equal(y.epoch, 49);
    assert.equal(y.best_fitness, 0.6123);
    assert.equal((y.train_args as Record<string, unknown>).epochs, 50);
    assert.equal((y.train_metrics as Record<string, unknown>).fitness, 0.6123);
    const legacy = await inspectCheckpoint(path.join(root, 'checkpoints/legacy_format.pth'));
    assert.equal((legacy.tree as Record<string, unknown>).epoch, 3);
    assert.equal(legacy.torch?.formatVersion, '1001');
    const ckpt = await inspectCheckpoint(
      path.join(root, 'generated/lightning_logs/regressor/version_0/checkpoints/epoch=3-val_loss=0.450.ckpt'),
    );
    const c = ckpt.tree as Record<string, unknown>;
    assert.equal(c.epoch, 3);
    assert.equal(c.global_step, 64);
    assert.deepEqual(c.hyper_parameters, { hidden: 8, lr: 0.02, sched: { name: 'step', gamma: 0.5 } });
    assert.ok(ckpt.tensors.some((t) => t.name.endsWith('.best_model_score') && t.shape.length === 0));
    const args = await inspectCheckpoint(
      path.join(root, 'generated/hf_runs/bert-tiny-cls/checkpoint-45/training_args.bin'),
    );
    const a = args.tree as Record<string, unknown>;
    assert.equal(a.__class__, 'transformers.training_args.TrainingArguments');
    assert.equal(a.learning_rate, 0.001);
    const st = await inspectCheckpoint(
      path.join(root, 'generated/hf_runs/bert-tiny-cls/checkpoint-45/model.safetensors'),
    );
    assert.deepEqual(st.metadata, { format: 'pt' });
  });

  it('an HF checkpoint folder is inspected through its model.safetensors', async () => {
    const r = await inspectCheckpoint(path.join(root, 'generated/hf_runs/bert-tiny-cls/checkpoint-45'));
    assert.deepEqual(r.errors, []);
    assert.equal(r.format, 'safetensors');
    assert.equal(r.tensors.length, 25);
    assert.equal(r.totalParams, 4130);
    assert.deepEqual(r.frameworks, ['hf']);
  });

  it('names of the real checkpoint files and folders', () => {
    assert.deepEqual(parseCheckpointName('epoch=4-val_loss=0.378.ckpt'), { epoch: 4, metrics: { val_loss: 0.378 } });
    assert.deepEqual(parseCheckpointName(path.join(root, 'generated/hf_runs/bert-tiny-cls/checkpoint-45')), {
      step: 45,
    });
    assert.deepEqual(parseCheckpointName('last.pt'), { label: 'last' });
  });
});
