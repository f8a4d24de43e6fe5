import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunStore } from '../../../src/core/runs/runStore';
import { ALL_FORMATS } from '../../../src/core/sources/registry';
import { makeExcluder } from '../../../src/core/watch/excludes';
import { RunWatcher } from '../../../src/core/watch/runWatcher';

describe('RunWatcher', function () {
  this.timeout(20_000);
  let root: string;
  let watcher: RunWatcher | undefined;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-watch-'));
  });
  afterEach(() => {
    watcher?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** A JSONL run with one point, watched and read; returns its file and the store. */
  async function watchOneRun(windowMs?: number): Promise<{ file: string; store: RunStore }> {
    const file = path.join(root, 'metrics.jsonl');
    fs.writeFileSync(file, '{"step": 0, "loss": 1}\n');
    const store = new RunStore();
    watcher = new RunWatcher(store, { formats: [...ALL_FORMATS], isExcluded: makeExcluder(), windowMs });
    await watcher.start([root]);
    await store.pollAll();
    return { file, store };
  }

  it('reads an append at once, not at the end of its window', async () => {
    // A window far longer than the wait below: only a read on the first event can pass.
    const { file, store } = await watchOneRun(60_000);
    const grown = new Promise<number>((resolve) =>
      store.onDidChangeRun(({ run }) => resolve(run.series.get('loss')?.length ?? 0)),
    );
    fs.appendFileSync(file, '{"step": 1, "loss": 0.5}\n');
    const length = await Promise.race([grown, new Promise<number>((r) => setTimeout(() => r(-1), 5000))]);
    assert.equal(length, 2, 'the appended point arrived before the 60 s window closed');
  });

  it('reads both of two appends 15 ms apart (chokidar may drop the second change event)', async () => {
    const { file, store } = await watchOneRun();
    const lengths: number[] = [];
    const three = new Promise<void>((resolve) =>
      store.onDidChangeRun(({ run }) => {
        lengths.push(run.series.get('loss')?.length ?? 0);
        if (lengths.at(-1) === 3) {
          resolve();
        }
      }),
    );
    fs.appendFileSync(file, '{"step": 1, "loss": 0.5}\n');
    await new Promise((r) => setTimeout(r, 15));
    fs.appendFileSync(file, '{"step": 2, "loss": 0.25}\n');
    const done = await Promise.race([
      three.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
    ]);
    assert.ok(done, `both appends read (lengths seen: ${lengths.join(', ')})`);
  });

  it('finds a run whose file appears empty and is written at once after (no later event)', async () => {
    const store = new RunStore();
    watcher = new RunWatcher(store, { formats: [...ALL_FORMATS], isExcluded: makeExcluder() });
    await watcher.start([root]);
    const dir = path.join(root, 'lightning_logs', 'quick', 'version_0');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'metrics.csv');
    fs.writeFileSync(file, '');
    fs.appendFileSync(file, 'epoch,step,train_loss\n0,0,1.0\n0,1,0.5\n');
    const found = await new Promise<boolean>((resolve) => {
      const deadline = Date.now() + 5000;
      const tick = () =>
        store.all().some((r) => r.dir === dir && r.series.get('train_loss')?.length === 2)
          ? resolve(true)
          : Date.now() > deadline
            ? resolve(false)
            : setTimeout(tick, 20);
      tick();
    });
    assert.ok(
      found,
      `runs: ${
        store
          .all()
          .map((r) => r.dir)
          .join(', ') || 'none'
      }`,
    );
  });

  it('keeps reading a file that is written more often than its window (no starvation)', async () => {
    const { file, store } = await watchOneRun(50);
    const seen: number[] = [];
    store.onDidChangeRun(({ run }) => seen.push(run.series.get('loss')?.length ?? 0));
    // A line every 5 ms for 1.5 s: each change event comes well inside the 50 ms window.
    let step = 1;
    const writer = setInterval(() => fs.appendFileSync(file, `{"step": ${step}, "loss": ${1 / ++step}}\n`), 5);
    await new Promise((r) => setTimeout(r, 1500));
    clearInterval(writer);
    const whileWriting = seen.length;
    assert.ok(whileWriting >= 3, `read ${whileWriting} times while the file grew (${seen.join(', ')})`);
  });
});
