import assert from 'node:assert/strict';
import path from 'node:path';
import type { PendingLaunch } from '../../../src/core/launch/runLinker';
import { isInside, RunLinker } from '../../../src/core/launch/runLinker';

const root = path.resolve('/ws');
const logs = path.join(root, 'lightning_logs');

function launch(id: string, extra: Partial<PendingLaunch> = {}): PendingLaunch {
  return {
    launchId: id,
    runsDirs: [logs],
    launchedAt: 1000,
    knownRunIds: new Set(['old']),
    liveRunIds: new Set(['live']),
    runName: `name-${id}`,
    runToken: `token-${id}`,
    ...extra,
  };
}

const run = (id: string, dir: string) => ({ id, dir });

describe('run linker', () => {
  it('links the first new run under the runs folders, once', () => {
    const linker = new RunLinker();
    linker.expect(launch('a'));
    assert.equal(linker.runAdded(run('elsewhere', path.join(root, 'other', 'x'))), undefined);
    assert.equal(linker.runAdded(run('old', path.join(logs, 'old'))), undefined, 'known before the launch');
    assert.equal(linker.runAdded(run('new', path.join(logs, 'v0'))), 'a');
    assert.equal(linker.runAdded(run('new2', path.join(logs, 'v1'))), undefined, 'the launch is linked already');
    assert.equal(linker.waiting.length, 0);
  });

  it('links a known run that grows after the launch, but not one that was live already', () => {
    const linker = new RunLinker();
    linker.expect(launch('a'));
    assert.equal(linker.runGrew(run('old', path.join(logs, 'old')), 999), undefined, 'growth before the launch');
    assert.equal(linker.runGrew(run('live', path.join(logs, 'live')), 2000), undefined, 'someone else is writing');
    assert.equal(linker.runGrew(run('old', path.join(logs, 'old')), 2000), 'a');
  });

  it('gives a run whose path names a launch to that launch, else to the oldest waiting one', () => {
    const linker = new RunLinker();
    linker.expect(launch('a'));
    linker.expect(launch('b'));
    linker.expect(launch('c'));
    assert.equal(linker.runAdded(run('r1', path.join(logs, 'name-b', 'version_0'))), 'b');
    assert.equal(linker.runAdded(run('r2', path.join(logs, 'run-token-c'))), 'c');
    assert.equal(linker.runAdded(run('r3', path.join(logs, 'anything'))), 'a');
  });

  it('gives a launch restored after a reload only a run whose path names it', () => {
    const linker = new RunLinker();
    linker.expect(launch('a', { nameOnly: true, knownRunIds: new Set() }));
    assert.equal(linker.runAdded(run('other', path.join(logs, 'someone-else'))), undefined);
    assert.equal(linker.runGrew(run('other', path.join(logs, 'someone-else')), 5000), undefined);
    assert.equal(linker.runAdded(run('mine', path.join(logs, 'name-a', 'version_0'))), 'a');
  });

  it('gives a restored launch its named run even when that run was known and live at the reload', () => {
    const linker = new RunLinker();
    const mine = run('mine', path.join(logs, 'name-a'));
    linker.expect(launch('a', { nameOnly: true, knownRunIds: new Set(['mine']), liveRunIds: new Set(['mine']) }));
    assert.equal(linker.runGrew(mine, 5000), 'a');
  });

  it('forgets cancelled launches and lets a forgotten run be linked again', () => {
    const linker = new RunLinker();
    linker.expect(launch('a'));
    assert.equal(linker.runAdded(run('r', path.join(logs, 'x'))), 'a');
    linker.expect(launch('b', { knownRunIds: new Set(['r']) }));
    assert.equal(linker.runGrew(run('r', path.join(logs, 'x')), 5000), undefined, 'still linked to a');
    linker.forgetRun('r');
    assert.equal(linker.runGrew(run('r', path.join(logs, 'x')), 5000), 'b');
    linker.expect(launch('c'));
    linker.cancel('c');
    assert.equal(linker.runAdded(run('z', path.join(logs, 'z'))), undefined);
  });

  it('treats a single-file run by its file, and knows what is inside a folder', () => {
    const linker = new RunLinker();
    linker.expect(launch('a', { runsDirs: [path.join(root, 'metrics.jsonl')] }));
    assert.equal(linker.runAdded({ id: 'j', dir: root, file: path.join(root, 'metrics.jsonl') }), 'a');
    assert.ok(isInside(path.join(logs, 'a'), logs));
    assert.ok(isInside(logs, logs));
    assert.ok(!isInside(path.join(root, 'lightning_logs2'), logs));
    assert.ok(!isInside(root, logs));
  });
});
