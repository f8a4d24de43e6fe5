import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { RunState } from '../../../../src/core/runs/runState';
import { tensorboardFormat } from '../../../../src/core/sources/tensorboard/format';
import { cleanTempDirs, EVENTS, runOf, tempDir, writeFile } from './helpers';
import { eventFile, record, scalarEvents } from './writer';
import { join } from '../../../support/fuzz';

function live(dir: string): { state: RunState; poll: () => Promise<{ reset: boolean; added: number }> } {
  const run = runOf(dir);
  const state = new RunState(run);
  const reader = tensorboardFormat.createReader(run);
  return {
    state,
    async poll() {
      const delta = await reader.poll();
      const applied = state.apply(delta);
      let added = 0;
      for (const batch of delta.points?.values() ?? []) {
        added += batch.steps.length;
      }
      return { reset: applied.reset, added };
    },
  };
}

describe('tensorboard live growth', () => {
  after(cleanTempDirs);

  it('keeps half a record pending and reads it once the rest arrives', async () => {
    const dir = tempDir();
    const full = eventFile(scalarEvents('loss', [1, 2, 3]));
    const file = writeFile(dir, EVENTS, full.subarray(0, full.length - 10));
    const r = live(dir);
    assert.deepEqual(await r.poll(), { reset: false, added: 2 });
    assert.deepEqual(await r.poll(), { reset: false, added: 0 });
    fs.appendFileSync(file, full.subarray(full.length - 10, full.length - 3));
    assert.deepEqual(await r.poll(), { reset: false, added: 0 });
    fs.appendFileSync(file, full.subarray(full.length - 3));
    assert.deepEqual(await r.poll(), { reset: false, added: 1 });
    assert.deepEqual([...(r.state.series.get('loss')?.values ?? [])], [1, 2, 3]);
    assert.deepEqual(r.state.errors, []);
  });

  it('splits a record at every byte and still reads each point exactly once', async () => {
    const dir = tempDir();
    const full = eventFile(scalarEvents('x', [1, 2]));
    const file = writeFile(dir, EVENTS, new Uint8Array(0));
    const r = live(dir);
    for (let i = 0; i < full.length; i++) {
      fs.appendFileSync(file, full.subarray(i, i + 1));
      await r.poll();
    }
    assert.deepEqual([...(r.state.series.get('x')?.values ?? [])], [1, 2]);
    assert.deepEqual(r.state.errors, []);
  });

  it('reads appended events, and a new event file of the same run', async () => {
    const dir = tempDir();
    const file = writeFile(dir, EVENTS, eventFile(scalarEvents('loss', [1, 2])));
    const r = live(dir);
    assert.equal((await r.poll()).added, 2);
    fs.appendFileSync(file, join(...scalarEvents('loss', [3, 4], 2).map(record)));
    assert.equal((await r.poll()).added, 2);
    writeFile(dir, 'events.out.tfevents.1700000099.host.2.0', eventFile(scalarEvents('loss', [5], 4)));
    assert.equal((await r.poll()).added, 1);
    assert.deepEqual([...(r.state.series.get('loss')?.steps ?? [])], [0, 1, 2, 3, 4]);
  });

  it('a truncated or rewritten file resets the run and re-reads everything', async () => {
    const dir = tempDir();
    const file = writeFile(dir, EVENTS, eventFile(scalarEvents('loss', [1, 2, 3, 4])));
    writeFile(dir, 'events.out.tfevents.1700000099.host.2.0', eventFile(scalarEvents('other', [7])));
    const r = live(dir);
    assert.equal((await r.poll()).added, 5);
    fs.writeFileSync(file, eventFile(scalarEvents('loss', [9])));
    assert.deepEqual(await r.poll(), { reset: true, added: 2 });
    assert.deepEqual([...(r.state.series.get('loss')?.values ?? [])], [9]);
    assert.deepEqual([...(r.state.series.get('other')?.values ?? [])], [7]);
    // Same size, different first bytes (rewritten in place with another wall time).
    fs.writeFileSync(file, eventFile(scalarEvents('loss', [8]), 1800000000));
    assert.deepEqual(await r.poll(), { reset: true, added: 2 });
    assert.deepEqual([...(r.state.series.get('loss')?.values ?? [])], [8]);
  });

  it('folds add_scalars sub-runs that appear while the run is live', async () => {
    const dir = tempDir();
    writeFile(dir, EVENTS, eventFile(scalarEvents('loss', [1])));
    const r = live(dir);
    await r.poll();
    writeFile(path.join(dir, 'loss_train'), EVENTS, eventFile(scalarEvents('loss', [5, 6])));
    await r.poll();
    assert.deepEqual([...(r.state.series.get('loss/train')?.values ?? [])], [5, 6]);
  });

  it('a deleted event file becomes one named error; the other files keep loading', async () => {
    const dir = tempDir();
    const doomed = writeFile(dir, EVENTS, eventFile(scalarEvents('loss', [1])));
    const other = writeFile(dir, 'events.out.tfevents.1700000099.host.2.0', eventFile(scalarEvents('acc', [1])));
    const r = live(dir);
    await r.poll();
    fs.rmSync(doomed);
    fs.appendFileSync(other, join(...scalarEvents('acc', [2], 1).map(record)));
    assert.equal((await r.poll()).added, 1);
    await r.poll();
    assert.deepEqual(
      r.state.errors.map((e) => e.code),
      ['file-missing'],
    );
  });
});
