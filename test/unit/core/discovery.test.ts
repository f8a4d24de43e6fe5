import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discoverRuns } from '../../../src/core/watch/discovery';
import { makeExcluder } from '../../../src/core/watch/excludes';
import { fakeFormat } from './fakeFormat';

describe('discovery', () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-disc-'))));
  afterEach(() => {
    fs.chmodSync(root, 0o755);
    fs.rmSync(root, { recursive: true, force: true });
  });

  function mkrun(rel: string): string {
    const dir = path.join(root, rel);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'run.txt'), '');
    return dir;
  }

  it('finds runs at any depth and reports each as it is found', async () => {
    mkrun('a/b/c/run1');
    mkrun('run2');
    const seen: string[] = [];
    const found = await discoverRuns([root], { formats: [fakeFormat()], onRun: (f) => seen.push(f.run.name) });
    assert.deepEqual(found.map((f) => f.run.name).sort(), ['run1', 'run2']);
    assert.deepEqual(seen.sort(), ['run1', 'run2']);
  });

  it('skips node_modules, .git, virtual envs and files.watcherExclude folders', async () => {
    mkrun('node_modules/pkg/run');
    mkrun('.venv/lib/run');
    mkrun('data/cache/run');
    mkrun('ok/run');
    const found = await discoverRuns([root], {
      formats: [fakeFormat()],
      isExcluded: makeExcluder(['**/data/cache/**']),
    });
    assert.deepEqual(
      found.map((f) => path.relative(root, f.run.dir)),
      ['ok/run'],
    );
  });

  it('does not walk into folders a detector claimed', async () => {
    mkrun('top');
    mkrun('top/inner/nested');
    const found = await discoverRuns([root], { formats: [fakeFormat('run.txt', ['inner'])] });
    assert.deepEqual(
      found.map((f) => f.run.name),
      ['top'],
    );
  });

  it('survives symlink loops and reports each run once', async () => {
    mkrun('real/run');
    fs.symlinkSync(root, path.join(root, 'real', 'loop'));
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'alias'));
    const found = await discoverRuns([root], { formats: [fakeFormat()] });
    assert.equal(found.length, 1);
  });

  it('goes on past a folder it may not read', async function () {
    if (process.getuid?.() === 0) {
      // root reads everything: simulate with a vanished folder instead.
      mkrun('ok/run');
      const unreadable: string[] = [];
      const found = await discoverRuns([root, path.join(root, 'gone')], {
        formats: [fakeFormat()],
        onUnreadable: (d) => unreadable.push(d),
      });
      assert.equal(found.length, 1);
      return;
    }
    mkrun('ok/run');
    const locked = path.join(root, 'locked');
    fs.mkdirSync(locked);
    fs.chmodSync(locked, 0o000);
    const unreadable: string[] = [];
    const found = await discoverRuns([root], { formats: [fakeFormat()], onUnreadable: (d) => unreadable.push(d) });
    fs.chmodSync(locked, 0o755);
    assert.equal(found.length, 1);
    assert.deepEqual(unreadable, [locked]);
  });

  it('walks a 10,000-file folder', async () => {
    const big = path.join(root, 'big');
    fs.mkdirSync(big);
    for (let i = 0; i < 10_000; i++) {
      fs.writeFileSync(path.join(big, `f${i}.bin`), '');
    }
    mkrun('big/run');
    const found = await discoverRuns([root], { formats: [fakeFormat()] });
    assert.equal(found.length, 1);
  });
});
