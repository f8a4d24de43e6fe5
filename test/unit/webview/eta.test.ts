import assert from 'node:assert/strict';
import type { RunHeaderDto } from '../../../src/shared/runProtocol';
import { durationSeconds, etaSeconds } from '../../../src/webview/run/eta';

const live = (extra: Partial<RunHeaderDto>): RunHeaderDto => ({
  id: 'r',
  name: 'r',
  project: 'p',
  format: 'csv',
  formatLabel: 'CSV',
  status: 'running',
  dir: '/r',
  startTime: 1000,
  lastUpdate: 0,
  errors: [],
  ...extra,
});

describe('Dashboard ETA', () => {
  it('extrapolates the pace: steps first, else epochs (0-based: epoch 1 of 4 is half done)', () => {
    assert.equal(etaSeconds(live({ currentStep: 250, totalSteps: 1000 }), 1100), 300);
    assert.equal(etaSeconds(live({ currentEpoch: 1, totalEpochs: 4 }), 1100), 100);
    assert.equal(etaSeconds(live({ currentEpoch: 2, totalEpochs: 4, epochsFromOne: true }), 1100), 100, 'from 1');
    assert.equal(etaSeconds(live({ currentEpoch: 4, totalEpochs: 4, epochsFromOne: true }), 1100), undefined);
  });

  it('says nothing for a run that is not live, has no total, or is done', () => {
    assert.equal(etaSeconds(live({ status: 'finished', currentStep: 1, totalSteps: 2 }), 1100), undefined);
    assert.equal(etaSeconds(live({ currentStep: 10 }), 1100), undefined);
    assert.equal(etaSeconds(live({ currentStep: 1000, totalSteps: 1000 }), 1100), undefined);
    assert.equal(etaSeconds(live({ startTime: undefined, currentStep: 1, totalSteps: 2 }), 1100), undefined);
  });

  it("measures a finished run to its end, else its last logged time, else its files' last change", () => {
    const done = (extra: Partial<RunHeaderDto>) => live({ status: 'finished', lastUpdate: 9_000_000, ...extra });
    assert.equal(durationSeconds(done({ endTime: 1600, lastLogTime: 1500 }), 1e9), 600);
    assert.equal(durationSeconds(done({ lastLogTime: 1500 }), 1e9), 500, 'a copied run: not its file time');
    assert.equal(durationSeconds(done({}), 1e9), 8000);
    assert.equal(durationSeconds(live({}), 1100), 100, 'live: until now');
    assert.equal(durationSeconds(live({ startTime: undefined }), 1100), undefined);
  });
});
