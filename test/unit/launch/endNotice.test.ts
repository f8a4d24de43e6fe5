import assert from 'node:assert/strict';
import { endNotice } from '../../../src/core/launch/endNotice';

describe('Launch end notification', () => {
  it('says a run finished with its key metric, and offers Open', () => {
    assert.deepEqual(endNotice({ phase: 'finished', name: 'demo', metric: 'val_loss 0.123' }), {
      severity: 'info',
      text: 'Runboard: run "demo" finished — val_loss 0.123.',
      actions: ['Open'],
    });
  });

  it('says a run failed with its exit code, as an error', () => {
    assert.deepEqual(endNotice({ phase: 'failed', name: 'demo', exitCode: 3, metric: '' }), {
      severity: 'error',
      text: 'Runboard: run "demo" failed (exit code 3).',
      actions: ['Open'],
    });
  });

  it('says where no run folder appeared, without Open; nothing for a run the user stopped', () => {
    const n = endNotice({ phase: 'failed', name: 'x', metric: '', missingUnder: ['/w/runs', '/w/logs'] });
    assert.equal(
      n?.text,
      'Runboard: run "x" failed (exit code unknown). No run folder appeared under /w/runs, /w/logs.',
    );
    assert.deepEqual(n?.actions, []);
    assert.equal(endNotice({ phase: 'stopped', name: 'x', metric: '' }), undefined);
  });
});
