import assert from 'node:assert/strict';
import { chartFilter } from '../../../src/webview/run/chartFilter';

describe('Chart search', () => {
  const names = ['train_loss', 'val_loss', 'test_loss', 'val_acc', 'lr-Adam'];
  const shown = (search: string) => names.filter(chartFilter(search));

  it('matches text case-insensitively, and everything when empty', () => {
    assert.deepEqual(shown(''), names);
    assert.deepEqual(shown('  LOSS '), ['train_loss', 'val_loss', 'test_loss']);
  });

  it('matches /regex/ on every name, also with the g or y flag (stateful test() would skip every other)', () => {
    assert.deepEqual(shown('/^val_/'), ['val_loss', 'val_acc']);
    assert.deepEqual(shown('/loss$/g'), ['train_loss', 'val_loss', 'test_loss']);
    assert.deepEqual(shown('/LOSS/gy'), ['train_loss', 'val_loss', 'test_loss']);
    assert.deepEqual(shown('/adam/'), ['lr-Adam'], 'case-insensitive unless told');
  });

  it('takes a broken regex as text', () => {
    assert.deepEqual(shown('/(/'), []);
    assert.deepEqual(['a/(/b'].filter(chartFilter('/(/')), ['a/(/b']);
  });
});
