import assert from 'node:assert/strict';
import { RunStore } from '../../../src/core/runs/runStore';
import { batchOf } from '../../../src/core/series/series';
import fs from 'node:fs';
import path from 'node:path';
import { jsonlFormat } from '../../../src/core/sources/jsonl/format';
import { jsonlRun } from '../../../src/core/sources/jsonl/detect';
import { tempDir } from '../../support/tempDirs';
import { fakeFormat } from './fakeFormat';

const run = { id: 'csv:/tmp/a', format: 'csv' as const, dir: '/tmp/a', project: 'p', name: 'a' };

describe('RunStore', () => {
  it('applies deltas, emits changes with the first new index, and supports reset', async () => {
    const format = fakeFormat();
    format.queue.set(run.id, [{ points: new Map([['loss', batchOf([1, 2], [0.5, 0.4])]]) }]);
    const store = new RunStore();
    const changes: Map<string, number>[] = [];
    store.onDidChangeRun(({ applied }) => changes.push(applied.appended));
    store.add(run, format);
    await store.settle();
    assert.equal(store.get(run.id)?.series.get('loss')?.length, 2);
    assert.equal(changes[0].get('loss'), 0);

    format.queue.set(run.id, [{ points: new Map([['loss', batchOf([3], [0.3])]]) }]);
    await store.poll(run.id);
    assert.equal(changes.at(-1)?.get('loss'), 2);

    format.queue.set(run.id, [{ reset: true, points: new Map([['acc', batchOf([1], [0.9])]]) }]);
    await store.poll(run.id);
    const state = store.get(run.id);
    assert.deepEqual([...(state?.series.keys() ?? [])], ['acc'], 'a reset drops what the reader gave before');
    store.dispose();
  });

  it('polls a run again when its reader asks (a cut last line named once the file is left alone, with no file event)', async function () {
    this.timeout(15_000);
    const dir = tempDir('runboard-recheck-');
    try {
      const file = path.join(dir, 'm.jsonl');
      fs.writeFileSync(file, '{"step": 1, "loss": 1}\n{"step": 2, "lo');
      const store = new RunStore({ readerOptions: { quietMs: 2000 } });
      const state = store.add(jsonlRun(dir, file), jsonlFormat);
      await store.settle();
      assert.equal(state.errors.length, 0, 'fresh: the writer may be mid-line');
      const deadline = Date.now() + 10_000;
      while (state.errors.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.deepEqual(
        state.errors.map((e) => e.code),
        ['truncated-line'],
      );
      store.dispose();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('coalesces polls asked for while one is under way', async () => {
    const format = fakeFormat();
    const store = new RunStore();
    store.add(run, format);
    await Promise.all([store.poll(run.id), store.poll(run.id), store.poll(run.id)]);
    await store.settle();
    assert.ok(format.polls <= 3, `${format.polls} polls`);
    store.dispose();
  });

  it('says running while files grow and finished after the quiet period; a stated status wins', async () => {
    let now = 1_000_000;
    const format = fakeFormat();
    const store = new RunStore({ quietPeriodMs: 1000, now: () => now });
    store.add(run, format);
    await store.settle();
    format.queue.set(run.id, [{ points: new Map([['loss', batchOf([1], [1])]]) }]);
    await store.poll(run.id);
    assert.equal(store.get(run.id)?.status, 'running');
    now += 5000;
    store.refreshStatuses();
    assert.equal(store.get(run.id)?.status, 'finished');
    format.queue.set(run.id, [{ meta: { status: 'failed' } }]);
    await store.poll(run.id);
    assert.equal(store.get(run.id)?.status, 'failed');
    store.dispose();
  });

  it('does not call a run live just because it was read for the first time', async () => {
    const format = fakeFormat();
    format.queue.set(run.id, [{ points: new Map([['loss', batchOf([1], [1])]]), files: [] }]);
    const store = new RunStore();
    store.add(run, format);
    await store.settle();
    assert.notEqual(store.get(run.id)?.status, 'running');
    store.dispose();
  });

  it('keeps the first-seen time while a live run grows (a stable recency for sorting)', async () => {
    let now = 1_000_000;
    const format = fakeFormat();
    const store = new RunStore({ now: () => now });
    store.add(run, format);
    await store.settle();
    const firstSeen = store.get(run.id)?.firstSeen;
    assert.notEqual(firstSeen, undefined);
    now += 60_000;
    format.queue.set(run.id, [{ points: new Map([['loss', batchOf([1], [1])]]) }]);
    await store.poll(run.id);
    assert.equal(store.get(run.id)?.lastUpdate, now);
    assert.equal(store.get(run.id)?.firstSeen, firstSeen);
    store.dispose();
  });

  it('forgets removed runs and tells listeners', async () => {
    const store = new RunStore();
    const removed: string[] = [];
    store.onDidRemoveRun((r) => removed.push(r.id));
    store.add(run, fakeFormat());
    store.remove(run.id);
    assert.deepEqual(removed, [run.id]);
    assert.equal(store.size, 0);
    store.dispose();
  });
});
