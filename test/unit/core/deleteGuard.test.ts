import assert from 'node:assert/strict';
import { deleteRefusal, type DeletableRun } from '../../../src/core/runs/deleteGuard';

const run = (id: string, dir: string, file?: string): DeletableRun => ({
  id,
  name: id,
  dir,
  ...(file ? { file } : {}),
});

describe('Delete Run: what may go to the trash', () => {
  const ws = ['/home/me/project'];

  it('lets an ordinary run folder or a one-file run go', () => {
    const a = run('a', '/home/me/project/lightning_logs/m/version_0');
    const b = run('b', '/home/me/project/lightning_logs/m/version_1');
    assert.equal(deleteRefusal(a, [a, b], ws), undefined);
    const jsonl = run('j', '/home/me/project', '/home/me/project/metrics.jsonl');
    assert.equal(deleteRefusal(jsonl, [jsonl, a], ws), undefined, 'only its file goes');
  });

  it('refuses a run that is a workspace folder, holds one, or is the file system root', () => {
    const root = run('tb', '/home/me/project');
    assert.match(deleteRefusal(root, [root], ws) ?? '', /is a workspace folder/);
    const above = run('tb', '/home/me');
    assert.match(deleteRefusal(above, [above], ws) ?? '', /holds the workspace folder \/home\/me\/project/);
    assert.match(deleteRefusal(run('x', '/'), [], []) ?? '', /root of the file system/);
  });

  it('refuses a run folder that holds other runs, and names them', () => {
    const parent = run('runs', '/home/me/project/runs');
    const kids = [1, 2, 3, 4].map((i) => run(`exp${i}`, `/home/me/project/runs/exp${i}`));
    const reason = deleteRefusal(parent, [parent, ...kids], ws) ?? '';
    assert.match(reason, /holds 4 other runs \("exp1", "exp2", "exp3" and 1 more\)/);
    const csv = run('csv', '/home/me/project/lightning_logs/m/version_0');
    const tb = run('tb', '/home/me/project/lightning_logs/m/version_0');
    assert.match(deleteRefusal(tb, [tb, csv], ws) ?? '', /holds another run \("csv"\)/, 'another format, same folder');
    const sibling = run('runs2', '/home/me/project/runs2');
    assert.equal(deleteRefusal(sibling, [sibling, parent], ws), undefined, 'a name prefix is not a parent');
  });
});
