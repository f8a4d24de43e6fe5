// Checkpoints are read in a worker thread: a pickle that needs more heap or time than allowed ends that
// thread with a named error, and the process that asked (the extension host) carries on.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { inspectCheckpointFile } from '../../../src/core/checkpoints/inspect';
import { inspectIsolated, runningWorkers } from '../../../src/core/checkpoints/isolatedInspect';
import { tempDir } from '../../support/tempDirs';
import { legacyBytes, legacyTensor } from './legacyWriter';
import { PickleWriter } from './pickleWriter';

// The transpiled worker entry beside its modules in out/ (the extension uses the bundled dist/ one).
const WORKER = path.resolve(__dirname, '../../../src/core/checkpoints/inspectWorker.js');

/** A legacy torch file whose first pickle is a list of `count` empty dicts: 1 byte each on disk. */
function dictBomb(count: number): Uint8Array {
  const bytes = new Uint8Array(count + 5);
  bytes.set([0x80, 0x02, 0x28]); // PROTO 2, MARK
  bytes.fill(0x7d, 3, 3 + count); // EMPTY_DICT
  bytes.set([0x6c, 0x2e], 3 + count); // LIST, STOP
  return bytes;
}

describe('checkpoints: inspection in a worker thread', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = tempDir('runboard-isolated-')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives the same result as reading in this thread', async () => {
    const file = path.join(dir, 'model.pt');
    const w = new PickleWriter().proto(2).emptyDict().binUnicode('fc.weight');
    legacyTensor(w, '0', [2, 3]).setitem();
    fs.writeFileSync(file, legacyBytes(w.stop().bytes(), ['0']));
    const inline = await inspectCheckpointFile(file);
    const isolated = await inspectIsolated(file, WORKER);
    assert.deepEqual(isolated, inline);
    assert.equal(isolated.tensors.length, 1);
  });

  it('stops a pickle that wants more heap than allowed, with a named error; this thread goes on', async () => {
    const file = path.join(dir, 'bomb.pt');
    fs.writeFileSync(file, dictBomb(3_000_000));
    const before = process.memoryUsage().heapUsed;
    const result = await inspectIsolated(file, WORKER, { maxHeapMb: 32, timeoutMs: 30_000 });
    assert.deepEqual(
      result.errors.map((e) => e.code),
      ['inspect-too-large'],
    );
    assert.match(result.errors[0].message, /more than 32 MB/);
    assert.ok(process.memoryUsage().heapUsed - before < 64 * 1024 * 1024, 'the dicts were never in this heap');
  });

  it('stops a reading that takes too long', async () => {
    const file = path.join(dir, 'slow.pt');
    fs.writeFileSync(file, dictBomb(3_000_000));
    const result = await inspectIsolated(file, WORKER, { maxHeapMb: 1024, timeoutMs: 1 });
    assert.deepEqual(
      result.errors.map((e) => e.code),
      ['inspect-timeout'],
    );
  });

  it('reads at most two at once, and a cancelled read stops its worker or leaves the queue', async () => {
    const slow = path.join(dir, 'slow.pt');
    fs.writeFileSync(slow, dictBomb(3_000_000));
    const good = path.join(dir, 'model.pt');
    const w = new PickleWriter().proto(2).emptyDict().binUnicode('fc.weight');
    legacyTensor(w, '0', [2, 3]).setitem();
    fs.writeFileSync(good, legacyBytes(w.stop().bytes(), ['0']));
    const controllers = [0, 1, 2, 3].map(() => new AbortController());
    const reads = controllers.map((c, i) => inspectIsolated(i < 3 ? slow : good, WORKER, undefined, c.signal));
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, runningWorkers())), 5);
    assert.equal(runningWorkers(), 2, 'two started, two queued');
    controllers[0].abort(); // running: its worker is stopped
    controllers[2].abort(); // queued: never starts
    const results = await Promise.all(reads);
    clearInterval(watch);
    assert.equal(most, 2, 'never more than two at once');
    assert.equal(runningWorkers(), 0, 'every slot given back');
    assert.equal(results[0].errors[0]?.code, 'inspect-cancelled');
    assert.equal(results[2].errors[0]?.code, 'inspect-cancelled');
    assert.equal(results[3].tensors.length, 1, 'the queue moved on past the cancelled read');
    const already = new AbortController();
    already.abort();
    assert.equal((await inspectIsolated(good, WORKER, undefined, already.signal)).errors[0]?.code, 'inspect-cancelled');
  });

  it('names a missing file as the inline reader does', async () => {
    const result = await inspectIsolated(path.join(dir, 'gone.pt'), WORKER);
    assert.equal(result.errors[0]?.code, 'io-error');
  });
});
