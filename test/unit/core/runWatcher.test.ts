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

  it('keeps reading a file that is written more often than its debounce (no starvation)', async () => {
    const file = path.join(root, 'metrics.jsonl');
    fs.writeFileSync(file, '{"step": 0, "loss": 1}\n');
    const store = new RunStore();
    watcher = new RunWatcher(store, { formats: [...ALL_FORMATS], isExcluded: makeExcluder(), debounceMs: 40 });
    await watcher.start([root]);
    await store.pollAll();
    const seen: number[] = [];
    store.onDidChangeRun(({ run }) => seen.push(run.series.get('loss')?.length ?? 0));
    // A line every 5 ms for 1.5 s: each change event comes well inside the 40 ms debounce.
    let step = 1;
    const writer = setInterval(() => fs.appendFileSync(file, `{"step": ${step}, "loss": ${1 / ++step}}\n`), 5);
    await new Promise((r) => setTimeout(r, 1500));
    clearInterval(writer);
    const whileWriting = seen.length;
    assert.ok(whileWriting >= 3, `read ${whileWriting} times while the file grew (${seen.join(', ')})`);
  });
});
