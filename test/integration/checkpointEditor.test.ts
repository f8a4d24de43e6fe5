// The Checkpoint Inspector in a real VS Code: a .pt opens in the custom editor (default for the extension),
// the host reads epoch and tensors without touching tensor bytes, links the run, and a broken file shows an
// error instead of throwing. Checkpoints are written with the unit tests' own writers.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { CheckpointViewDebug } from '../../src/extension/checkpoints/checkpointView';
import { loadSnippet } from '../../src/extension/checkpoints/loadSnippet';
import type { CheckpointSnapshotDto } from '../../src/shared/checkpointProtocol';
import { writeYoloRun } from '../demo/textRuns';
import { pickleOf, tensor } from '../unit/checkpoints/pickleWriter';
import type { PlainValue } from '../unit/checkpoints/pickleWriter';
import { torchZipInputs, zipBytes } from '../unit/checkpoints/zipWriter';
import { runboard, waitFor, workspaceDir } from './api';

const VIEW_TYPE = 'runboard.checkpointInspector';

/** A torch.save zip of `value`, with one (zero) storage of `bytes` per tensor key 0…n-1. */
function torchFile(file: string, value: PlainValue, storages: number, bytes = 64): void {
  const sizes = Object.fromEntries(Array.from({ length: storages }, (_, i) => [String(i), bytes]));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, zipBytes(torchZipInputs('last', pickleOf(value), sizes), { align: 64 }));
}

function safetensorsFile(file: string, header: Record<string, unknown>, dataBytes: number): void {
  const json = Buffer.from(JSON.stringify(header));
  const out = Buffer.alloc(8 + json.length + dataBytes);
  out.writeBigUInt64LE(BigInt(json.length), 0);
  json.copy(out, 8);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, out);
}

async function inspectors(): Promise<CheckpointViewDebug[]> {
  return (await vscode.commands.executeCommand<CheckpointViewDebug[]>('runboard.checkpointInspector.debugState')) ?? [];
}

/** Waits for an open inspector of `file` whose webview got its snapshot. */
async function snapshotOf(file: string, timeoutMs = 20_000): Promise<NonNullable<CheckpointViewDebug['snapshot']>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await inspectors()).find((v) => v.target === file && v.ready && v.snapshot);
    if (found?.snapshot) {
      return found.snapshot;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for the inspector of ${path.basename(file)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function activeCustomTab(): vscode.TabInputCustom | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom ? input : undefined;
}

describe('Checkpoint inspector', function () {
  this.timeout(60_000);
  let root: string;

  before(async () => {
    await runboard();
    root = path.join(workspaceDir(), 'it_ckpt');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('opens a .pt in the inspector, with its epoch, tensors and run', async () => {
    const { controller } = await runboard();
    const runDir = path.join(root, 'detect', 'train');
    writeYoloRun(runDir, 3, 5);
    const file = path.join(runDir, 'weights', 'last.pt');
    torchFile(
      file,
      {
        epoch: 7,
        best_fitness: 0.61,
        model: { 'model.0.conv.weight': tensor('0', [16, 3, 3, 3]), 'model.0.bn.bias': tensor('1', [16]) },
        train_args: { epochs: 5, imgsz: 640, model: 'yolov8n.yaml' },
        optimizer: { state: {}, param_groups: [{ lr: 0.01, momentum: 0.937 }] },
      },
      2,
    );
    await controller.rescan('runboard.runs');
    await waitFor('the Ultralytics run', () => controller.store.all().some((r) => r.dir === runDir));
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
    await waitFor('the custom editor tab', () => activeCustomTab()?.viewType === VIEW_TYPE);
    assert.equal(activeCustomTab()?.uri.fsPath, file);
    const s = await snapshotOf(file);
    assert.equal(s.epoch, 7);
    assert.equal(s.tensorCount, 2);
    assert.equal(s.format, 'torch-zip');
    assert.deepEqual(s.dtypeCounts, { float32: 2 });
    assert.ok(s.frameworks.includes('ultralytics'), `frameworks: ${s.frameworks.join(',')}`);
    assert.deepEqual(s.errors, []);
    const run = controller.store.all().find((r) => r.dir === runDir);
    assert.equal(s.run?.id, run?.id);
  });

  it('reads the file again when training rewrites it', async () => {
    const file = path.join(root, 'detect', 'train', 'weights', 'last.pt');
    torchFile(file, { epoch: 8, model: { 'model.0.conv.weight': tensor('0', [16, 3, 3, 3]) } }, 1);
    const deadline = Date.now() + 20_000;
    let s = await snapshotOf(file);
    while (s.epoch !== 8 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      s = await snapshotOf(file);
    }
    assert.equal(s.epoch, 8);
    assert.equal(s.tensorCount, 1);
  });

  it('builds the right load snippet per format', () => {
    const base: CheckpointSnapshotDto = {
      path: '/m/a "b".pt',
      name: 'a "b".pt',
      isDirectory: false,
      format: 'torch-zip',
      formatLabel: '',
      fileSize: 0,
      totalParams: 0,
      totalNumel: 0,
      totalBytes: 0,
      tensorCount: 0,
      dtypeCounts: {},
      frameworks: [],
      container: [],
      weightsFiles: [],
      tensors: [],
      errors: [],
    };
    assert.match(
      loadSnippet(base),
      /torch\.load\("\/m\/a \\"b\\"\.pt", map_location="cpu", weights_only=True\)/,
      'a plain state dict loads with weights_only=True, the path quoted for Python',
    );
    const yolo = loadSnippet({ ...base, frameworks: ['ultralytics'] });
    assert.match(yolo, /weights_only=False/);
    assert.match(yolo, /only for files you trust/);
    const pickledModule = loadSnippet({ ...base, tree: { model: '<module my.net.Net>' } });
    assert.match(pickledModule, /weights_only=False/);
    const st = loadSnippet({ ...base, format: 'safetensors', path: '/m/model.safetensors' });
    assert.match(st, /from safetensors\.torch import load_file\n\nstate_dict = load_file\("\/m\/model\.safetensors"\)/);
    const dir = loadSnippet({ ...base, format: 'safetensors', isDirectory: true, weightsFiles: ['model.safetensors'] });
    assert.match(dir, /load_file\("\/m\/a \\"b\\"\.pt\/model\.safetensors"\)/);
  });

  it('opens a .safetensors by default and reads only its header', async () => {
    const file = path.join(root, 'sd', 'model.safetensors');
    safetensorsFile(
      file,
      {
        __metadata__: { format: 'pt' },
        'fc.weight': { dtype: 'BF16', shape: [4, 8], data_offsets: [0, 64] },
        'fc.bias': { dtype: 'F32', shape: [4], data_offsets: [64, 80] },
      },
      80,
    );
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
    await waitFor('the custom editor tab', () => activeCustomTab()?.uri.fsPath === file);
    const s = await snapshotOf(file);
    assert.equal(s.format, 'safetensors');
    assert.equal(s.tensorCount, 2);
    assert.equal(s.totalParams, 36);
    assert.deepEqual(s.metadata, { format: 'pt' });
  });

  it('shows a truncated zip and a file of garbage as errors, without throwing', async () => {
    const good = path.join(root, 'broken', 'good.pt');
    torchFile(good, { epoch: 1, w: tensor('0', [4]) }, 1);
    const truncated = path.join(root, 'broken', 'truncated.pt');
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const garbage = path.join(root, 'broken', 'garbage.ckpt');
    fs.writeFileSync(garbage, Buffer.from('this is not a checkpoint at all\n'.repeat(20)));
    for (const file of [truncated, garbage]) {
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
      const s = await snapshotOf(file);
      assert.ok(s.errors.length > 0, `${path.basename(file)} reports an error`);
      assert.ok(s.errors.every((e) => e.message.length > 0));
      assert.equal(s.tensorCount, 0);
    }
  });

  it('opens a .bin only on request (priority "option") and a checkpoint folder in a panel', async () => {
    const dir = path.join(root, 'hf', 'checkpoint-80');
    safetensorsFile(
      path.join(dir, 'model.safetensors'),
      { 'lm_head.weight': { dtype: 'F16', shape: [10, 4], data_offsets: [0, 80] } },
      80,
    );
    fs.writeFileSync(path.join(dir, 'trainer_state.json'), '{"global_step": 80}\n');
    await vscode.commands.executeCommand('runboard.inspectCheckpoint', dir);
    const s = await snapshotOf(dir);
    assert.equal(s.isDirectory, true);
    assert.deepEqual(s.weightsFiles, ['model.safetensors']);
    assert.equal(s.tensorCount, 1);
    assert.equal(s.step, 80, 'step from the folder name');
    const views = await inspectors();
    assert.equal(views.find((v) => v.target === dir)?.viewType, 'runboard.checkpointFolder');

    const bin = path.join(dir, 'pytorch_model.bin');
    torchFile(bin, { 'lm_head.weight': tensor('0', [10, 4]) }, 1, 160);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(bin));
    await waitFor('the .bin tab', () => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      return tab?.label === 'pytorch_model.bin';
    });
    assert.equal(activeCustomTab(), undefined, '.bin does not open in the inspector by default');
    await vscode.commands.executeCommand('runboard.inspectCheckpoint', bin);
    const b = await snapshotOf(bin);
    assert.equal(b.tensorCount, 1);
    assert.equal(activeCustomTab()?.viewType, 'runboard.checkpointInspectorBin');
  });
});
