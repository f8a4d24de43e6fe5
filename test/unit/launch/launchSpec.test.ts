import assert from 'node:assert/strict';
import path from 'node:path';
import type { LaunchContext } from '../../../src/core/launch/launchSpec';
import {
  buildLaunchSpec,
  commandText,
  makeRunName,
  parseOverrides,
  posixQuote,
  splitWords,
} from '../../../src/core/launch/launchSpec';

const ws = path.resolve('/ws');
const ctx: LaunchContext = {
  workspaceFolder: ws,
  env: { HOME: '/home/me', PATH: '/usr/bin' },
  runId: 'id1',
  runName: 'train-1',
  wandbOffline: false,
};

describe('launch spec', () => {
  it('splits overrides into args and upper-case NAME=value environment variables', () => {
    assert.deepEqual(parseOverrides('lr=0.001 --epochs 3 CUDA_VISIBLE_DEVICES=1 "name=a b"'), {
      args: ['lr=0.001', '--epochs', '3', 'name=a b'],
      env: { CUDA_VISIBLE_DEVICES: '1' },
    });
    assert.deepEqual(parseOverrides('   '), { args: [], env: {} });
    assert.deepEqual(splitWords(`a 'b c' "d \\"e\\"" ''`), ['a', 'b c', 'd "e"', '']);
  });

  it('runs a .py program with python, unbuffered, with config args then override args', () => {
    const spec = buildLaunchSpec(
      { name: 'p', program: '${workspaceFolder}/train.py', args: ['--name', '${runName}'], runsDir: ['logs'] },
      parseOverrides('lr=0.1 SEED=3'),
      ctx,
    );
    assert.deepEqual(spec.command, {
      kind: 'argv',
      command: 'python3',
      args: ['-u', `${ws}/train.py`, '--name', 'train-1', 'lr=0.1'],
    });
    assert.equal(spec.cwd, ws);
    assert.deepEqual(spec.runsDirs, [path.join(ws, 'logs')]);
    assert.deepEqual(spec.env, {
      SEED: '3',
      RUNBOARD_RUN_ID: 'id1',
      RUNBOARD_RUN_NAME: 'train-1',
      PYTHONUNBUFFERED: '1',
    });
  });

  it('exports PYTHONUNBUFFERED=1 unless the configuration or the overrides set it', () => {
    const own = buildLaunchSpec({ name: 'p', program: 'a.py', env: { PYTHONUNBUFFERED: '' } }, parseOverrides(''), ctx);
    assert.equal(own.env.PYTHONUNBUFFERED, '');
    const typed = buildLaunchSpec({ name: 'p', program: 'a.py' }, parseOverrides('PYTHONUNBUFFERED=0'), ctx);
    assert.equal(typed.env.PYTHONUNBUFFERED, '0');
  });

  it('appends quoted override args to a command line and substitutes variables in env and cwd', () => {
    const spec = buildLaunchSpec(
      { name: 'c', command: 'bash run.sh', cwd: 'sub', env: { P: '${env:PATH}:/x', H: '${env:NOPE}' } },
      parseOverrides("'a b' c"),
      { ...ctx, wandbOffline: true },
    );
    assert.deepEqual(spec.command, { kind: 'line', line: "bash run.sh 'a b' c" });
    assert.equal(spec.cwd, path.join(ws, 'sub'));
    assert.deepEqual(spec.runsDirs, [path.join(ws, 'sub')]);
    assert.equal(spec.env.P, '/usr/bin:/x');
    assert.equal(spec.env.H, '');
    assert.equal(spec.env.WANDB_MODE, 'offline');
  });

  it('runs other programs directly, with a chosen python for .py files', () => {
    assert.deepEqual(buildLaunchSpec({ name: 'x', program: './run' }, parseOverrides(''), ctx).command, {
      kind: 'argv',
      command: './run',
      args: [],
    });
    const py = buildLaunchSpec({ name: 'x', program: 'a.py', python: '/venv/bin/python' }, parseOverrides(''), ctx);
    assert.equal(py.command.kind === 'argv' && py.command.command, '/venv/bin/python');
  });

  it('quotes for a POSIX shell and names runs safely', () => {
    assert.equal(posixQuote('lr=0.1'), 'lr=0.1');
    assert.equal(posixQuote("it's"), `'it'\\''s'`);
    assert.equal(posixQuote('a b'), `'a b'`);
    assert.equal(commandText({ kind: 'argv', command: 'python3', args: ['a b.py'] }), `python3 'a b.py'`);
    assert.equal(makeRunName('my model/v2', new Date(2026, 0, 2, 3, 4, 5)), 'my-model-v2-20260102-030405');
    assert.equal(makeRunName('!!!', new Date(2026, 0, 2, 3, 4, 5)), 'run-20260102-030405');
  });
});
