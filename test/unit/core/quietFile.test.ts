import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { quietIn } from '../../../src/core/util/quietFile';
import { tempDir } from '../../support/tempDirs';

describe('quiet files', () => {
  it('waits at most quietMs, even for a modification time in the future (a wrong clock)', async () => {
    const dir = tempDir('runboard-quiet-');
    try {
      const file = path.join(dir, 'f');
      fs.writeFileSync(file, 'x');
      const future = new Date(Date.now() + 30 * 86_400_000);
      fs.utimesSync(file, future, future);
      assert.equal(await quietIn(file, 600_000), 600_000, 'as if just written, not 30 days');
      const past = new Date(Date.now() - 3_600_000);
      fs.utimesSync(file, past, past);
      assert.equal(await quietIn(file, 600_000), 0);
      assert.equal(await quietIn(path.join(dir, 'gone'), 600_000), Infinity);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
