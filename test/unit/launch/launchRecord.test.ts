import assert from 'node:assert/strict';
import {
  deserializeLaunches,
  MAX_LAUNCH_RECORDS,
  serializeLaunches,
  type LaunchRecord,
} from '../../../src/core/launch/launchRecord';

function record(id: string, extra: Partial<LaunchRecord> = {}): LaunchRecord {
  return {
    launchId: id,
    runName: `train-${id}`,
    folder: 'file:///ws',
    config: { name: 'train', program: '/ws/train.py', args: ['--epochs', '3'], runsDir: ['runs'] },
    overrides: 'lr=0.1 SEED=1',
    spec: {
      name: 'train',
      command: { kind: 'argv', command: 'python3', args: ['-u', '/ws/train.py', 'lr=0.1'] },
      cwd: '/ws',
      env: { SEED: '1', RUNBOARD_RUN_ID: id },
      runsDirs: ['/ws/runs'],
    },
    phase: 'failed',
    exitCode: 3,
    launchedAt: 1000,
    endedAt: 2000,
    runId: 'csv:/ws/runs/a',
    runDir: '/ws/runs/a',
    logPath: '/storage/launch-logs/a.log',
    stopRequested: false,
    notified: true,
    ...extra,
  };
}

/** Through JSON, as the workspace state stores it. */
const stored = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('launch records (remembered across reloads)', () => {
  it('round-trips every field', () => {
    const records = [record('a'), record('b', { phase: 'running', exitCode: undefined, endedAt: undefined })];
    assert.deepEqual(deserializeLaunches(stored(serializeLaunches(records))), records);
  });

  it('round-trips a command-line launch that has not been linked yet', () => {
    const r = record('c', {
      phase: 'starting',
      config: { name: 'sh', command: 'bash run.sh' },
      spec: {
        name: 'sh',
        command: { kind: 'line', line: `bash run.sh 'a b'` },
        cwd: '/ws',
        env: {},
        runsDirs: ['/ws'],
      },
      runId: undefined,
      runDir: undefined,
      logPath: undefined,
      folder: undefined,
      exitCode: undefined,
      notified: false,
    });
    const [back] = deserializeLaunches(stored(serializeLaunches([r])));
    assert.deepEqual(back, r);
  });

  it('keeps the most recent launches only', () => {
    const many = Array.from({ length: MAX_LAUNCH_RECORDS + 5 }, (_, i) => record(`l${i}`, { launchedAt: i }));
    const back = deserializeLaunches(stored(serializeLaunches(many.reverse())));
    assert.equal(back.length, MAX_LAUNCH_RECORDS);
    assert.equal(back[0].launchId, 'l5');
    assert.equal(back.at(-1)?.launchId, `l${MAX_LAUNCH_RECORDS + 4}`);
  });

  it('leaves out what is malformed, unknown or repeated', () => {
    const good = record('ok');
    const broken = [
      null,
      'x',
      { ...good, launchId: 7 },
      { ...good, phase: 'exploded' },
      { ...good, config: { name: 'both', command: 'a', program: 'b' } },
      { ...good, spec: { ...good.spec, command: { kind: 'argv', command: 'x' } } },
      { ...good, spec: { ...good.spec, env: { A: 1 } } },
      { ...good, launchedAt: 'soon' },
    ];
    const back = deserializeLaunches(stored([...broken, good, good]));
    assert.deepEqual(back, [good]);
    assert.deepEqual(deserializeLaunches(undefined), []);
    assert.deepEqual(deserializeLaunches({ not: 'a list' }), []);
  });

  it('drops optional fields of the wrong type instead of the record', () => {
    const [back] = deserializeLaunches(stored([{ ...record('x'), exitCode: 'three', runId: 5 }]));
    assert.equal(back.exitCode, undefined);
    assert.equal(back.runId, undefined);
    assert.equal(back.launchId, 'x');
  });
});
