import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchLogPath, pruneLaunchLogs } from '../../../src/core/launch/launchLogs';

describe('launch logs in the extension storage', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-logs-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Writes `<name>.log` dated `age` seconds ago. */
  function log(name: string, age: number): string {
    const file = path.join(dir, `${name}.log`);
    fs.writeFileSync(file, name);
    const when = new Date(Date.now() - age * 1000);
    fs.utimesSync(file, when, when);
    return file;
  }

  it('names a log after its launch id, safely', () => {
    assert.equal(launchLogPath(dir, 'm1abc-3'), path.join(dir, 'm1abc-3.log'));
    assert.equal(launchLogPath(dir, '../x/y'), path.join(dir, '.._x_y.log'));
  });

  it('keeps the most recent logs, deletes older ones, never a protected one nor other files', async () => {
    const files = [0, 1, 2, 3, 4].map((i) => log(`l${i}`, i * 10));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'kept');
    const deleted = await pruneLaunchLogs(dir, 2, new Set([files[4]]));
    assert.deepEqual(deleted.sort(), [files[2], files[3]].sort());
    assert.deepEqual(fs.readdirSync(dir).sort(), ['l0.log', 'l1.log', 'l4.log', 'notes.txt']);
  });

  it('does nothing for a folder that does not exist', async () => {
    assert.deepEqual(await pruneLaunchLogs(path.join(dir, 'nope')), []);
  });
});
