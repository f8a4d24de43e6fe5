import assert from 'node:assert/strict';
import { makeExcluder } from '../../../src/core/watch/excludes';

describe('watch: excluded folders', () => {
  it('skips the default folders and plain names from files.watcherExclude', () => {
    const excluded = makeExcluder(['**/data', '**/cache/**', 'scratch']);
    for (const dir of ['/w/node_modules', '/w/a/.git', '/w/data', '/w/x/cache', '/w/scratch']) {
      assert.ok(excluded(dir), dir);
    }
    assert.ok(!excluded('/w/lightning_logs'));
  });

  it('matches globs with a wildcard inside a segment, and paths (once silently dropped)', () => {
    const excluded = makeExcluder(['**/*.egg-info/**', '**/runs/tmp_*', 'data/raw/**', '**/.git/objects/**']);
    assert.ok(excluded('/w/proj/foo.egg-info'));
    assert.ok(excluded('/w/proj/runs/tmp_3'));
    assert.ok(excluded('/w/proj/data/raw'), 'a relative glob matches under any folder');
    assert.ok(excluded('/w/proj/.git/objects/ab'));
    assert.ok(!excluded('/w/proj/runs/train'));
    assert.ok(!excluded('/w/proj/egg-info-notes'));
  });
});
