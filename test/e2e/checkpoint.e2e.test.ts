// The checkpoint inspector as a person uses it: open a YOLO run's last.pt with quick open, read its epoch and
// tensor count, filter and sort the tensor table, copy the load snippet, see a broken file's error panel, in
// dark and light themes. Checkpoints are written with the unit tests' own writers.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { pickleOf, tensor } from '../unit/checkpoints/pickleWriter';
import type { PlainValue, TensorSpec } from '../unit/checkpoints/pickleWriter';
import { torchZipInputs, zipBytes } from '../unit/checkpoints/zipWriter';
import { e2e } from './setup';

const LAYERS = 100;
const TENSORS = LAYERS * 3;

interface InspectorDebug {
  name?: string;
  tensorCount?: number;
  errors: number;
  table: { matching: number; rendered: number; first?: string };
}

/** An Ultralytics-style last.pt: epoch, train_args, optimizer groups, and 3 half-precision tensors per layer. */
function writeYoloCheckpoint(file: string): void {
  const model: Record<string, TensorSpec> = {};
  const storages: Record<string, number> = {};
  for (let i = 0; i < LAYERS; i++) {
    const c = 16 * (1 + (i % 8));
    const specs: [string, number[]][] = [
      [`model.${i}.conv.weight`, [c, c, 3, 3]],
      [`model.${i}.bn.weight`, [c]],
      [`model.${i}.bn.bias`, [c]],
    ];
    for (const [name, shape] of specs) {
      const key = String(Object.keys(storages).length);
      model[name] = tensor(key, shape, 'HalfStorage');
      storages[key] = 2 * shape.reduce((a, b) => a * b, 1);
    }
  }
  const value: PlainValue = {
    epoch: 9,
    best_fitness: 0.6125,
    model,
    train_args: { task: 'detect', epochs: 10, imgsz: 640, model: 'yolov8n.yaml', name: '<b>not html</b>' },
    train_metrics: { 'metrics/mAP50(B)': 0.71, 'val/box_loss': 1.02 },
    optimizer: { state: {}, param_groups: [{ lr: 0.01, momentum: 0.937, weight_decay: 0.0005 }] },
    date: '2026-11-23T09:00:00',
    version: '8.3.0',
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, zipBytes(torchZipInputs('last', pickleOf(value), storages), { align: 64 }));
}

/** A safetensors file with `count` small F16 tensors (the header is what matters). */
function writeSafetensors(file: string, count: number): void {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  for (let i = 0; i < count; i++) {
    header[`layers.${i}.weight`] = { dtype: 'F16', shape: [4], data_offsets: [i * 8, i * 8 + 8] };
  }
  const json = Buffer.from(JSON.stringify(header));
  const out = Buffer.alloc(8 + json.length + count * 8);
  out.writeBigUInt64LE(BigInt(json.length), 0);
  json.copy(out, 8);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, out);
}

async function inspector(frame: Frame): Promise<InspectorDebug> {
  return frame.evaluate(() =>
    (window as unknown as { runboardDebug: { checkpoint(): InspectorDebug } }).runboardDebug.checkpoint(),
  );
}

async function waitForInspector(frame: Frame, ok: (d: InspectorDebug) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  let last: InspectorDebug | undefined;
  while (Date.now() < deadline) {
    last = await inspector(frame);
    if (ok(last)) {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
}

/** Opens a workspace file with quick open (Ctrl+P), as a person would. */
async function quickOpen(relative: string): Promise<void> {
  const { page } = e2e().workbench;
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(relative);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relative) })
    .first()
    .waitFor();
  await page.keyboard.press('Enter');
}

describe('Checkpoint inspector (e2e)', function () {
  this.timeout(180_000);
  let frame: Frame;

  it('opens last.pt of a YOLO run and shows its epoch and tensors', async () => {
    const { workbench, workspace } = e2e();
    writeYoloCheckpoint(path.join(workspace, 'runs', 'detect', 'train', 'weights', 'last.pt'));
    await quickOpen('runs/detect/train/weights/last.pt');
    frame = await workbench.webviewFrame('.ckpt-header h1');
    await waitForInspector(frame, (d) => d.tensorCount === TENSORS, 'the snapshot');
    assert.equal(await frame.textContent('.ckpt-header h1'), 'last.pt');
    assert.equal(await frame.textContent('.fact-epoch'), '9');
    assert.equal(await frame.textContent('.fact-tensors'), String(TENSORS));
    assert.match((await frame.textContent('.fact-dtypes')) ?? '', /float16 × 300/);
    const badges = await frame.locator('.badge').allTextContents();
    assert.ok(badges.includes('Ultralytics'), `badges: ${badges.join(', ')}`);
    const d = await inspector(frame);
    assert.ok(d.table.rendered > 0 && d.table.rendered < TENSORS, `virtualized: ${d.table.rendered} rows in the DOM`);
    await frame.locator('.run-link', { hasText: 'train' }).waitFor({ timeout: 20_000 });
  });

  it('shows the top-level keys as text and opens them with the keyboard', async () => {
    const trainArgs = frame.locator('.key-tree summary', { hasText: 'train_args' }).first();
    await trainArgs.focus();
    await trainArgs.press('Enter');
    const leaf = frame.locator('.tree-leaf', { hasText: 'not html' });
    await leaf.waitFor();
    assert.equal(await frame.$('.key-tree b'), null, 'a string with markup stays text');
    assert.match((await leaf.textContent()) ?? '', /"<b>not html<\/b>"/);
  });

  it('filters and sorts the tensor table', async () => {
    await frame.fill('.tensor-filter', 'bn.bias');
    await waitForInspector(frame, (d) => d.table.matching === LAYERS, 'the filtered rows');
    assert.match((await frame.textContent('.table-count')) ?? '', /100 of 300/);
    await frame.fill('.tensor-filter', '');
    await frame.click('th.col-numel button');
    await waitForInspector(frame, (d) => d.table.first === 'model.model.7.conv.weight', 'the largest tensor first');
    assert.equal(await frame.getAttribute('th.col-numel', 'aria-sort'), 'descending');
    await frame.locator('.tensor-table').scrollIntoViewIfNeeded();
    await e2e().workbench.screenshot('checkpoint-tensors');
    await frame.evaluate(() => window.scrollTo(0, 0));
  });

  it('copies a load snippet that says weights_only=False is for trusted files only', async () => {
    await frame.click('#copy-snippet');
    const code = frame.locator('.snippet-code');
    await code.waitFor();
    const text = (await code.textContent()) ?? '';
    assert.match(text, /torch\.load\(".*last\.pt", map_location="cpu", weights_only=False\)/);
    assert.match(text, /trust/);
  });

  it('renders in the dark and the light theme', async () => {
    const { workbench } = e2e();
    await workbench.setTheme('dark');
    await workbench.screenshot('checkpoint-dark');
    await workbench.setTheme('light');
    await workbench.screenshot('checkpoint-light');
    await workbench.setTheme('dark');
  });

  it('shows a truncated checkpoint as a readable error', async () => {
    const { workbench, workspace } = e2e();
    const good = fs.readFileSync(path.join(workspace, 'runs', 'detect', 'train', 'weights', 'last.pt'));
    const broken = path.join(workspace, 'runs', 'detect', 'train', 'weights', 'broken.pt');
    fs.writeFileSync(broken, good.subarray(0, Math.floor(good.length / 3)));
    await quickOpen('runs/detect/train/weights/broken.pt');
    const errorFrame = await workbench.webviewFrame('.error-panel');
    const text = (await errorFrame.textContent('.error-panel')) ?? '';
    assert.match(text, /could not be read/);
    await workbench.screenshot('checkpoint-error');
  });

  it('stays responsive with 100,000 tensors (only the rows in view are in the DOM)', async () => {
    const { workbench, workspace } = e2e();
    const count = 100_000;
    writeSafetensors(path.join(workspace, 'big', 'model-100k.safetensors'), count);
    let started = Date.now();
    await quickOpen('big/model-100k.safetensors');
    const big = await workbench.webviewFrame('.ckpt-header h1[title$="model-100k.safetensors"]');
    await waitForInspector(big, (d) => d.tensorCount === count, 'the 100k snapshot');
    console.log(`      open → table: ${Date.now() - started} ms`);
    const d = await inspector(big);
    assert.ok(d.table.rendered < 200, `${d.table.rendered} rows in the DOM`);
    started = Date.now();
    await big.click('th.col-name button');
    await big.click('th.col-name button');
    await waitForInspector(big, (x) => x.table.first === `layers.${count - 1}.weight`, 'name sort, descending');
    console.log(`      two sorts of 100k rows: ${Date.now() - started} ms`);
    await big.fill('.tensor-filter', 'layers.4242.');
    await waitForInspector(big, (x) => x.table.matching === 1, 'one match');
  });

  it('opens a checkpoint from its row in the Runs tree (the row says its epoch, step and size)', async () => {
    const { workbench } = e2e();
    await workbench.openRunboard();
    const pane = workbench.runsPane();
    const expand = async (text: string | RegExp) => {
      const row = pane.locator('.monaco-list-row', { hasText: text }).first();
      await row.waitFor({ timeout: 20_000 });
      if ((await row.getAttribute('aria-expanded')) !== 'true') {
        await row.locator('.monaco-tl-twistie').click();
      }
    };
    await expand('version_1');
    await expand(/^Checkpoints/);
    const ckpt = pane.locator('.monaco-list-row', { hasText: 'epoch=4-step=250.ckpt' }).first();
    await ckpt.waitFor({ timeout: 20_000 });
    assert.match((await ckpt.textContent()) ?? '', /epoch 4 · step 250 · [\d.]+ KB · saved \d{4}-\d\d-\d\d \d\d:\d\d/);
    await workbench.screenshot('tree-checkpoints');
    await ckpt.click();
    const opened = await workbench.webviewFrame('.ckpt-header h1[title$="epoch=4-step=250.ckpt"]');
    await waitForInspector(opened, (d) => (d.tensorCount ?? 0) > 0, 'the checkpoint read');
    await workbench.screenshot('tree-checkpoint-opened');
    // The inspector's link to its run opens that run's dashboard.
    await opened.locator('.run-link', { hasText: 'version_1' }).click();
    await workbench.webviewFrame('body:has(.run-header h1[title$="/mnist-cnn/version_1"]) .chart-card');
  });

  it('saw no console error or CSP violation in a Runboard webview', () => {
    assert.deepEqual(e2e().workbench.webviewProblems, []);
  });
});
