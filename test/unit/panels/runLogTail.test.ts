import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunState } from '../../../src/core/runs/runState';
import { LOG_TAIL_BYTES, RunLogTail } from '../../../src/extension/panels/runLogTail';
import { consoleText, stripAnsi } from '../../../src/extension/panels/runLogText';

describe('Run dashboard: console text', () => {
  it('strips ANSI colours, cursor moves and OSC titles', () => {
    assert.equal(stripAnsi('\x1b[1;32mok\x1b[0m \x1b[2K\x1b]0;title\x07done'), 'ok done');
  });

  it('keeps the text after the last carriage return of each line (progress bars)', () => {
    const raw = 'start\n\r 10%|#   | 1/10\r 50%|##  | 5/10\r100%|####| 10/10\nend\r\n';
    assert.equal(consoleText(raw), 'start\n100%|####| 10/10\nend');
  });

  it('shows an unfinished progress line at its latest state', () => {
    assert.equal(consoleText('epoch 1\n\r 1/3\r 2/3'), 'epoch 1\n 2/3');
  });

  it('keeps only the last lines', () => {
    const raw = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const text = consoleText(raw, 400);
    const lines = text.split('\n');
    assert.equal(lines.length, 400);
    assert.equal(lines[0], 'line 600');
    assert.equal(lines[399], 'line 999');
  });
});

describe('Run dashboard: log tail', () => {
  let dir: string;
  let run: RunState;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-log-'));
    run = new RunState({ id: `wandb:${dir}`, format: 'wandb', dir, project: 'p', name: 'n' });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads nothing for a run without a log', async () => {
    assert.equal(await new RunLogTail().read(run), undefined);
  });

  it('reads the log, then only what was appended', async () => {
    const log = path.join(dir, 'output.log');
    fs.writeFileSync(log, 'hello\n\x1b[31mred\x1b[0m\n');
    run.otherFiles = [{ path: log, role: 'log' }];
    const tail = new RunLogTail();
    assert.deepEqual(await tail.read(run), { file: log, text: 'hello\nred' });
    fs.appendFileSync(log, 'more\r\rprogress 2/2\n');
    assert.deepEqual(await tail.read(run), { file: log, text: 'hello\nred\nprogress 2/2' });
  });

  it('reads a log outside the run folder, the newest of several', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-task-'));
    try {
      const old = path.join(dir, 'output.log');
      const task = path.join(outside, 'task.log');
      fs.writeFileSync(old, 'old\n');
      fs.writeFileSync(task, 'task output\n');
      fs.utimesSync(old, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      run.otherFiles = [
        { path: old, role: 'log' },
        { path: task, role: 'log' },
        { path: path.join(dir, 'config.yaml'), role: 'config' },
      ];
      assert.deepEqual(await new RunLogTail().read(run), { file: task, text: 'task output' });
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reads at most the last LOG_TAIL_BYTES of a big log, from a whole line', async () => {
    const log = path.join(dir, 'output.log');
    const lines = Array.from({ length: 20_000 }, (_, i) => `step ${i} loss ${(1 / (i + 1)).toFixed(6)}`);
    fs.writeFileSync(log, lines.join('\n') + '\n');
    assert.ok(fs.statSync(log).size > 4 * LOG_TAIL_BYTES);
    run.otherFiles = [{ path: log, role: 'log' }];
    const text = (await new RunLogTail().read(run))?.text ?? '';
    const shown = text.split('\n');
    assert.equal(shown.length, 400);
    assert.equal(shown[399], lines[19_999]);
    assert.equal(shown[0], lines[19_600]);
  });

  it('starts over when the log is truncated', async () => {
    const log = path.join(dir, 'output.log');
    fs.writeFileSync(log, 'first run of the log\n');
    run.otherFiles = [{ path: log, role: 'log' }];
    const tail = new RunLogTail();
    await tail.read(run);
    fs.writeFileSync(log, 'new\n');
    assert.equal((await tail.read(run))?.text, 'new');
  });
});
