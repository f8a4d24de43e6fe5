import assert from 'node:assert/strict';
import path from 'node:path';
import { tensorboardFormat } from '../../../../src/core/sources/tensorboard/format';
import { isKerasSplit, projectAndName } from '../../../../src/core/sources/tensorboard/naming';
import { classifySubRun } from '../../../../src/core/sources/tensorboard/subruns';
import { fsDetectIo, listDir } from '../../../../src/core/watch/fsDetectIo';
import { cleanTempDirs, EVENTS, readDir, tempDir, writeFile } from './helpers';
import { event, eventFile, hparamsValue, scalarEvents, simpleValue } from './writer';

async function detect(dir: string) {
  const listing = await listDir(dir);
  assert.ok(listing);
  return tensorboardFormat.detect(listing, fsDetectIo);
}

describe('tensorboard detection', () => {
  after(cleanTempDirs);

  it('a dir with a tfevents file is a run; profile-empty alone is not', async () => {
    const dir = tempDir('mlp');
    writeFile(dir, 'events.out.tfevents.1.host.profile-empty', eventFile([]));
    assert.equal(await detect(dir), undefined);
    writeFile(dir, EVENTS, eventFile([]));
    const d = await detect(dir);
    assert.equal(d?.runs.length, 1);
    assert.deepEqual(
      { ...d?.runs[0] },
      { id: `tensorboard:${dir}`, format: 'tensorboard', dir, project: 'logs', name: 'mlp' },
    );
    assert.deepEqual(d?.claimedFiles?.sort(), [EVENTS, 'events.out.tfevents.1.host.profile-empty'].sort());
  });

  it('claims add_scalars (PyTorch and tensorboardX layouts) and add_hparams sub-runs, not other runs', async () => {
    const dir = tempDir('mlp');
    writeFile(dir, EVENTS, eventFile(scalarEvents('train/loss', [1])));
    writeFile(path.join(dir, 'loss_train'), EVENTS, eventFile(scalarEvents('loss', [1])));
    writeFile(path.join(dir, 'acc', 'val'), EVENTS, eventFile(scalarEvents('acc', [2])));
    writeFile(
      path.join(dir, '1700000000.5'),
      EVENTS,
      eventFile([event({ wallTime: 1, values: [hparamsValue({ lr: 0.5 })] }), ...scalarEvents('hparam/acc', [0.9])]),
    );
    writeFile(path.join(dir, 'other-run'), EVENTS, eventFile(scalarEvents('loss', [1])));
    const d = await detect(dir);
    assert.deepEqual(d?.claimedDirs?.sort(), ['1700000000.5', 'acc', 'loss_train']);
    const state = await readDir(dir);
    assert.deepEqual([...state.series.keys()].sort(), ['acc/val', 'hparam/acc', 'loss/train', 'train/loss']);
    assert.equal(state.config.lr, 0.5);
  });

  it('Keras train/ + validation/ are two runs named <log_dir>/<split>', async () => {
    const logDir = tempDir('dense');
    for (const split of ['train', 'validation']) {
      writeFile(path.join(logDir, split), EVENTS, eventFile([]));
    }
    const d = await detect(path.join(logDir, 'validation'));
    assert.deepEqual(
      { project: d?.runs[0].project, name: d?.runs[0].name },
      { project: 'logs', name: 'dense/validation' },
    );
    assert.equal(await detect(logDir), undefined);
  });

  it('sub-run naming rule', () => {
    const name = (rel: string, tag: string, t = tag): string | undefined => {
      const c = classifySubRun(rel, '/x', tag);
      return typeof c === 'string' ? undefined : c.rename(t);
    };
    assert.equal(name('loss_train', 'loss'), 'loss/train');
    assert.equal(name('a_b_val', 'a/b'), 'a/b/val');
    assert.equal(name('acc/val', 'acc'), 'acc/val');
    assert.equal(name('sin and cos/cos', 'sin_and_cos'), 'sin_and_cos/cos');
    assert.equal(name('loss_train', 'loss', 'extra'), 'loss_train/extra');
    assert.equal(name('hp', '_hparams_/experiment', 'hparam/x'), 'hparam/x');
    assert.equal(name('other', 'loss'), undefined);
    assert.equal(classifySubRun('x', '/x', undefined), 'unknown');
  });

  it('project and name as users think of them', () => {
    assert.deepEqual(projectAndName('/w/runs/mlp-sgd'), { project: 'runs', name: 'mlp-sgd' });
    assert.deepEqual(projectAndName('/w/lightning_logs/version_0'), { project: 'lightning_logs', name: 'version_0' });
    assert.deepEqual(projectAndName('/w/lightning_logs/version_3/tf'), {
      project: 'lightning_logs',
      name: 'version_3/tf',
    });
    assert.deepEqual(projectAndName('/w/keras_logs/dense/train', true), { project: 'keras_logs', name: 'dense/train' });
    assert.deepEqual(projectAndName('/w/runs/detect/train'), { project: 'detect', name: 'train' });
    assert.ok(isKerasSplit('train', ['train', 'validation']));
    assert.ok(!isKerasSplit('train', ['train', 'train2']));
    assert.deepEqual(projectAndName('/w/bert/runs/Jan28_23-42-14_gpu07'), {
      project: 'bert',
      name: 'Jan28_23-42-14_gpu07',
    });
  });

  it('a NaN wall time drops the event (RustBoard), other events stay', async () => {
    const dir = tempDir();
    writeFile(
      dir,
      EVENTS,
      eventFile([event({ wallTime: NaN, step: 1, values: [simpleValue('x', 1)] }), ...scalarEvents('x', [2], 2)]),
    );
    const s = (await readDir(dir)).series.get('x');
    assert.deepEqual([...(s?.steps ?? [])], [2]);
  });
});
