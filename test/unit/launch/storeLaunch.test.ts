// The RunStore hooks launching uses: external series that survive resets, and the launch status.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { RunState } from '../../../src/core/runs/runState';
import { runId } from '../../../src/core/runs/model';
import { RunStore } from '../../../src/core/runs/runStore';
import { batchOf } from '../../../src/core/series/series';
import { fakeFormat } from '../core/fakeFormat';

describe('RunStore launch hooks', () => {
  function setup() {
    const format = fakeFormat();
    const store = new RunStore({ quietPeriodMs: 1000 });
    const dir = path.resolve('/runs/a');
    const id = runId('csv', dir);
    format.queue.set(id, [{ points: new Map([['loss', batchOf([0], [1])]]) }]);
    const run = store.add({ id, format: 'csv', dir, project: 'p', name: 'a' }, format);
    return { store, format, id, run };
  }

  it('adds external series, keeps them over a reader reset, and tells listeners', async () => {
    const { store, format, id, run } = setup();
    await store.settle();
    const changes: RunState[] = [];
    store.onDidChangeRun(({ run: r }) => changes.push(r));
    store.applyExternal(id, { points: new Map([['system/cpu_percent', batchOf([0, 1], [50, 60])]]) });
    assert.equal(changes.length, 1);
    assert.equal(run.series.get('system/cpu_percent')?.length, 2);
    format.queue.set(id, [{ reset: true, points: new Map([['loss', batchOf([0, 1], [1, 0.5])]]) }]);
    await store.poll(id);
    assert.equal(run.series.get('loss')?.length, 2, 'the reader state was replaced');
    assert.equal(run.series.get('system/cpu_percent')?.length, 2, 'the samples survived');
    store.applyExternal('nope', { points: new Map() });
  });

  it('lets the launched process decide the status, unless the format states an end', async () => {
    const { store, format, id, run } = setup();
    await store.settle();
    store.setLaunchStatus(id, 'running');
    assert.equal(run.status, 'running');
    store.setLaunchStatus(id, 'stopped', 143);
    assert.equal(run.status, 'stopped');
    assert.equal(run.launchExitCode, 143);
    store.refreshStatuses();
    assert.equal(run.status, 'stopped', 'the quiet period does not override it');
    format.queue.set(id, [{ meta: { status: 'failed' } }]);
    await store.poll(id);
    assert.equal(run.status, 'failed', 'a status the format states wins');
  });
});
