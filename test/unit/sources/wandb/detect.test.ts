import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runId } from '../../../../src/core/runs/model';
import { wandbFormat } from '../../../../src/core/sources/wandb/format';
import { fsDetectIo, listDir } from '../../../../src/core/watch/fsDetectIo';
import { logPath, makeRunDir, tmpRoot } from './tmpRuns';
import { coreHistory, runRecord, wandbLog } from './writer';

async function detectAt(dir: string): Promise<Awaited<ReturnType<typeof wandbFormat.detect>>> {
  const listing = await listDir(dir);
  assert.ok(listing);
  return wandbFormat.detect(listing, fsDetectIo);
}

describe('wandb detect', () => {
  let root: string;
  before(() => {
    root = path.join(tmpRoot(), 'myproject');
    const a = makeRunDir(root, 'offline-run-20260101_120000-aaaa1111');
    fs.writeFileSync(
      logPath(a),
      wandbLog([runRecord({ runId: 'aaaa1111', project: 'demo', displayName: 'first' }), coreHistory(0, { x: 1 })]),
    );
    // The same run resumed in a later folder.
    const a2 = makeRunDir(root, 'offline-run-20260101_130000-aaaa1111');
    fs.writeFileSync(logPath(a2), wandbLog([runRecord({ runId: 'aaaa1111', project: 'demo', displayName: 'first' })]));
    // No RunRecord: id and the folder holding wandb/.
    const b = makeRunDir(root, 'run-20260101_140000-bbbb2222');
    fs.writeFileSync(logPath(b), wandbLog([coreHistory(0, { x: 1 })]));
    // 2019 layout: no .wandb, history JSONL in the run folder.
    const c = makeRunDir(root, 'run-20190614_121952-cccc3333');
    fs.writeFileSync(path.join(c, 'wandb-history.jsonl'), '{"loss": 1, "_step": 0}\n');
    // Not runs.
    makeRunDir(root, 'run-20260101_150000-empty000');
    makeRunDir(root, 'artifacts');
    fs.writeFileSync(path.join(root, 'wandb', 'debug.log'), '');
    fs.symlinkSync('offline-run-20260101_130000-aaaa1111', path.join(root, 'wandb', 'latest-run'));
  });
  after(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

  it('finds run folders inside wandb/, names them from the RunRecord, and claims latest-run', async () => {
    const det = await detectAt(path.join(root, 'wandb'));
    assert.ok(det);
    const byDir = new Map(det.runs.map((r) => [path.basename(r.dir), r]));
    assert.deepEqual(
      [...byDir.keys()],
      [
        'offline-run-20260101_120000-aaaa1111',
        'offline-run-20260101_130000-aaaa1111',
        'run-20190614_121952-cccc3333',
        'run-20260101_140000-bbbb2222',
      ],
    );
    const first = byDir.get('offline-run-20260101_120000-aaaa1111');
    assert.deepEqual(first, {
      id: runId('wandb', path.join(root, 'wandb', 'offline-run-20260101_120000-aaaa1111')),
      format: 'wandb',
      dir: path.join(root, 'wandb', 'offline-run-20260101_120000-aaaa1111'),
      project: 'demo',
      name: 'first',
    });
    assert.equal(byDir.get('offline-run-20260101_130000-aaaa1111')?.name, 'first (resumed #1)');
    assert.equal(byDir.get('run-20260101_140000-bbbb2222')?.name, 'bbbb2222');
    assert.equal(byDir.get('run-20260101_140000-bbbb2222')?.project, 'myproject');
    assert.equal(byDir.get('run-20190614_121952-cccc3333')?.name, 'cccc3333');
    assert.ok(det.claimedDirs?.includes('latest-run'));
    assert.ok(!det.claimedDirs?.includes('artifacts'));
    assert.ok(det.claimedFiles?.includes('debug.log'));
    // Distinct run ids: nothing is shown twice.
    assert.equal(new Set(det.runs.map((r) => r.id)).size, det.runs.length);
  });

  it('finds a run folder opened on its own', async () => {
    const det = await detectAt(path.join(root, 'wandb', 'run-20260101_140000-bbbb2222'));
    assert.equal(det?.runs.length, 1);
    assert.equal(det?.runs[0].name, 'bbbb2222');
  });

  it('ignores other folders', async () => {
    assert.equal(await detectAt(root), undefined);
    assert.equal(await detectAt(path.join(root, 'wandb', 'artifacts')), undefined);
  });
});
