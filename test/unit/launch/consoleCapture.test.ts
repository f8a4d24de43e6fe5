import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  captureCommandLine,
  exitCodeFromLog,
  findCaptureTool,
  findExecutable,
  readExitCodeFromLog,
} from '../../../src/core/launch/consoleCapture';
import { posixJoin } from '../../../src/core/launch/shellQuote';

/** Prints a `\r` progress bar, a coloured line and a line with quotes, then exits 3. */
const NOISY_PY = [
  'import sys',
  'for i in range(5):',
  '    sys.stdout.write("\\rprogress %d%%" % (i * 25)); sys.stdout.flush()',
  'print()',
  'print("\\033[31mred alert\\033[0m")',
  `print("it's \\"quoted\\" $HOME")`,
  'sys.exit(3)',
].join('\n');

describe('console capture with script', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-capture-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('wraps a command line for util-linux script (-c) and BSD script (program and args)', () => {
    const linux = captureCommandLine(
      { flavour: 'util-linux', script: '/usr/bin/script' },
      'python3 a.py',
      '/l/x.log',
      '/bin/sh',
    );
    assert.equal(linux, `SHELL=/bin/sh /usr/bin/script -q -f -e -c 'python3 a.py' /l/x.log`);
    const mac = captureCommandLine(
      { flavour: 'bsd', script: '/usr/bin/script' },
      'python3 a.py',
      '/l/my log',
      '/bin/zsh',
    );
    assert.equal(mac, `/usr/bin/script -q -F '/l/my log' /bin/zsh -c 'python3 a.py'`);
  });

  it('reads the exit code util-linux script writes at the end of its log', async () => {
    const text =
      'Script started on 2026-01-01 [COMMAND="x"]\nhello\r\nScript done on 2026-01-01 [COMMAND_EXIT_CODE="3"]\n';
    assert.equal(exitCodeFromLog(text), 3);
    assert.equal(exitCodeFromLog('no footer'), undefined);
    const file = path.join(dir, 'a.log');
    fs.writeFileSync(file, 'x'.repeat(10_000) + text);
    assert.equal(await readExitCodeFromLog(file), 3);
    assert.equal(await readExitCodeFromLog(path.join(dir, 'missing.log')), undefined);
  });

  it('finds executables on PATH like command -v', async () => {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'tool'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(bin, 'plain'), 'not executable', { mode: 0o644 });
    const PATH = ['', path.join(dir, 'nope'), bin].join(path.delimiter);
    assert.equal(await findExecutable('tool', PATH), path.join(bin, 'tool'));
    if (process.getuid?.() !== 0) {
      assert.equal(await findExecutable('plain', PATH), undefined);
    }
    assert.equal(await findExecutable('absent', PATH), undefined);
    assert.equal(await findExecutable('tool', undefined), undefined);
  });

  it('captures nothing without a usable script: Windows, absent, or BusyBox', async () => {
    assert.ok('missing' in (await findCaptureTool('win32', process.env.PATH)));
    assert.ok('missing' in (await findCaptureTool('linux', dir)));
    fs.writeFileSync(path.join(dir, 'busybox'), '#!/bin/sh\n', { mode: 0o755 });
    fs.symlinkSync(path.join(dir, 'busybox'), path.join(dir, 'script'));
    const busy = await findCaptureTool('linux', dir);
    assert.ok('missing' in busy && /BusyBox/.test(busy.missing));
  });

  it('runs a real program under script: the log holds its output, the exit code comes through', async function () {
    const tool = await findCaptureTool(process.platform, process.env.PATH);
    if ('missing' in tool) {
      this.skip();
    }
    fs.writeFileSync(path.join(dir, 'noisy.py'), NOISY_PY);
    const log = path.join(dir, `it's a log $x.log`);
    const line = captureCommandLine(tool, posixJoin(['python3', path.join(dir, 'noisy.py')]), log, '/bin/sh');
    const result = spawnSync('/bin/sh', ['-c', line], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SHELL: '/bin/sh' },
      encoding: 'utf8',
    });
    assert.equal(result.status, 3, result.stderr);
    const text = fs.readFileSync(log, 'utf8');
    assert.match(text, /progress 0%\rprogress 25%/);
    assert.ok(text.includes('\x1b[31mred alert\x1b[0m'), 'colours kept');
    assert.ok(text.includes(`it's "quoted" $HOME`));
    if (tool.flavour === 'util-linux') {
      assert.equal(await readExitCodeFromLog(log), 3);
    }
  });
});
