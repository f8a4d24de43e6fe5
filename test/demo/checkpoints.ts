// Demo checkpoints the Checkpoint Inspector can open: Lightning ModelCheckpoint files
// (`checkpoints/epoch=E-step=S.ckpt` + `last.ckpt`), real torch zips made with the unit tests' writers.
import fs from 'node:fs';
import path from 'node:path';
import { pickleOf, tensor } from '../unit/checkpoints/pickleWriter';
import type { PlainValue, TensorSpec } from '../unit/checkpoints/pickleWriter';
import { torchZipInputs, zipBytes } from '../unit/checkpoints/zipWriter';

/** A small CNN's state_dict (float32), as Lightning saves it under `state_dict`. */
function lightningCheckpoint(epoch: number, step: number, lr: number): Uint8Array {
  const specs: [string, number[]][] = [
    ['model.conv1.weight', [32, 1, 3, 3]],
    ['model.conv1.bias', [32]],
    ['model.conv2.weight', [64, 32, 3, 3]],
    ['model.conv2.bias', [64]],
    ['model.fc.weight', [10, 1600]],
    ['model.fc.bias', [10]],
  ];
  const stateDict: Record<string, TensorSpec> = {};
  const storages: Record<string, number> = {};
  specs.forEach(([name, shape], i) => {
    stateDict[name] = tensor(String(i), shape);
    storages[String(i)] = 4 * shape.reduce((a, b) => a * b, 1);
  });
  const value: PlainValue = {
    epoch,
    global_step: step,
    'pytorch-lightning_version': '2.4.0',
    state_dict: stateDict,
    hyper_parameters: { lr, batch_size: 64, optimizer: 'adam' },
    optimizer_states: [{ param_groups: [{ lr, betas: [0.9, 0.999] }] }],
  };
  return zipBytes(torchZipInputs('archive', pickleOf(value), storages), { align: 64 });
}

/** `checkpoints/` of a Lightning version folder: one file per (epoch, step), plus `last.ckpt`. */
export function writeLightningCheckpoints(
  versionDir: string,
  saves: [epoch: number, step: number][],
  lr: number,
): void {
  const dir = path.join(versionDir, 'checkpoints');
  fs.mkdirSync(dir, { recursive: true });
  for (const [epoch, step] of saves) {
    fs.writeFileSync(path.join(dir, `epoch=${epoch}-step=${step}.ckpt`), lightningCheckpoint(epoch, step, lr));
  }
  const [epoch, step] = saves[saves.length - 1];
  fs.writeFileSync(path.join(dir, 'last.ckpt'), lightningCheckpoint(epoch, step, lr));
}
