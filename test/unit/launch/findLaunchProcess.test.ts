import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { environHas, findLaunchRoot } from '../../../src/core/launch/findLaunchProcess';
import { killProcessTree } from '../../../src/core/launch/killTree';
import { exited, ready } from './childProcesses';

describe('finding a launched process again (after a reload)', function () {
  this.timeout(20_000);

  it('reads NAME=value from a NUL-separated environ', () => {
    const environ = 'PATH=/bin\0RUNBOARD_RUN_ID=abc-1\0X=RUNBOARD_RUN_ID=zzz\0';
    assert.ok(environHas(environ, 'RUNBOARD_RUN_ID', 'abc-1'));
    assert.ok(!environHas(environ, 'RUNBOARD_RUN_ID', 'abc'));
    assert.ok(!environHas(environ, 'RUNBOARD_RUN_ID', 'zzz'));
  });

  it('finds the top process of the tree that carries RUNBOARD_RUN_ID', async function () {
    if (process.platform !== 'linux') {
      this.skip();
    }
    const token = `test-${process.pid}-${Date.now()}`;
    // A shell with a python child (the trailing `true` keeps sh from exec-ing python).
    const shell = spawn('/bin/sh', ['-c', 'python3 -c "import time; print(1, flush=True); time.sleep(30)"; true'], {
      env: { ...process.env, RUNBOARD_RUN_ID: token },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await ready(shell);
      assert.equal(await findLaunchRoot(token), shell.pid);
      assert.equal(await findLaunchRoot(`${token}-other`), undefined);
    } finally {
      await killProcessTree(shell.pid as number, { graceMs: 1000 });
      await exited(shell);
    }
    assert.equal(await findLaunchRoot(token), undefined, 'gone after the kill');
  });
});
