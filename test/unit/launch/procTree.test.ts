import assert from 'node:assert/strict';
import { killProcessTree, isAlive } from '../../../src/core/launch/killTree';
import { parseProcStat, ProcessTreeProbe, readProcessTable, treeOf } from '../../../src/core/launch/procTree';
import { exited, ready, spawnBusyPython } from './childProcesses';

const linux = process.platform === 'linux';

describe('process tree (/proc)', function () {
  this.timeout(20_000);

  it('parses a stat line whose command name holds spaces and parentheses', () => {
    const line = '4242 (my (weird) proc) S 17 4242 4242 0 -1 4194304 100 0 0 0 250 30 5 7 20 0 3 0 1000 0 0';
    assert.deepEqual(parseProcStat(line), { pid: 4242, ppid: 17, ticks: 250 + 30 + 5 + 7 });
    assert.equal(parseProcStat('garbage'), undefined);
  });

  it('finds the descendants of a root, breadth-first', () => {
    const table = new Map(
      [
        [1, 0],
        [10, 1],
        [11, 10],
        [12, 10],
        [13, 11],
        [20, 1],
      ].map(([pid, ppid]) => [pid, { pid, ppid, ticks: 0 }]),
    );
    assert.deepEqual(treeOf(10, table), [10, 11, 12, 13]);
    assert.deepEqual(treeOf(99, table), []);
  });

  it('measures CPU % and RSS of a real busy python3 process', async function () {
    if (!linux) {
      this.skip();
    }
    const child = spawnBusyPython(1.5);
    await ready(child);
    const probe = new ProcessTreeProbe(child.pid as number);
    const first = await probe.sample();
    assert.ok(first, 'the process is found');
    assert.ok(Number.isNaN(first.cpuPercent), 'no CPU % before a second sample');
    await new Promise((r) => setTimeout(r, 700));
    const second = await probe.sample();
    assert.ok(second);
    // A busy loop uses about one core; the bound is loose because 2 cores are shared with other work.
    assert.ok(second.cpuPercent > 20 && second.cpuPercent < 250, `cpu ${second.cpuPercent}`);
    assert.ok(second.rssBytes > 1 << 20, `rss ${second.rssBytes}`);
    assert.equal(second.processes, 1);
    await exited(child);
    assert.equal(await probe.sample(), undefined, 'gone after exit');
  });

  it('kills a whole tree: the child and its grandchild', async function () {
    if (!linux) {
      this.skip();
    }
    const child = spawnBusyPython(30, true);
    await ready(child);
    const tree = treeOf(child.pid as number, await readProcessTable());
    assert.equal(tree.length, 2, 'python3 and its sleeping child');
    const killed = await killProcessTree(child.pid as number, { graceMs: 2000 });
    assert.deepEqual([...killed].sort(), [...tree].sort());
    const { signal } = await exited(child);
    assert.equal(signal, 'SIGTERM');
    // The grandchild was reparented when its parent died; it must be gone too.
    for (let i = 0; i < 50 && isAlive(tree[1]); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(isAlive(tree[1]), false);
  });

  it('returns no table when /proc is not there (other OSes)', async () => {
    assert.equal((await readProcessTable('/nonexistent-proc')).size, 0);
    assert.equal(await new ProcessTreeProbe(1, '/nonexistent-proc').sample(), undefined);
  });
});
