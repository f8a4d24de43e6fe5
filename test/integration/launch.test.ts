// Launching training runs in a real VS Code, with real python3 processes: the run shows as
// "starting…", is linked to the folder it writes, grows live, gets CPU/memory/GPU series (a fake
// nvidia-smi on the task's PATH), its console is captured into a log in the extension's storage, and it
// ends finished, failed (with its exit code) or stopped. Launches survive a reload (simulated by
// re-creating a launch manager on the same memento).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LaunchConfig } from '../../src/core/launch/launchConfig';
import type { LaunchInfo } from '../../src/extension/launch/launchedRun';
import { LaunchManager } from '../../src/extension/launch/launchManager';
import type { RunState } from '../../src/core/runs/runState';
import { writeFakeNvidiaSmi } from '../unit/launch/fakeNvidiaSmi';
import { runboard, waitFor, workspaceDir } from './api';

/**
 * Appends a Lightning-style row every 0.2 s (busy, so CPU shows) with a `\r` progress line on the
 * console, prints a coloured "done", then exits with $EXIT_CODE. Plain prints: launched runs get
 * PYTHONUNBUFFERED=1.
 */
const TRAIN_PY = `import os, sys, time
steps = int(sys.argv[1]) if len(sys.argv) > 1 else 4
d = os.path.join('it_launch', os.environ['RUNBOARD_RUN_NAME'], 'version_0')
os.makedirs(d, exist_ok=True)
print('unbuffered=%s' % os.environ.get('PYTHONUNBUFFERED'))
with open(os.path.join(d, 'metrics.csv'), 'w') as f:
    f.write('epoch,step,train_loss\\n')
    f.flush()
    for i in range(steps):
        f.write('0,%d,%f\\n' % (i, 1.0 / (i + 1)))
        f.flush()
        sys.stdout.write('\\rtraining %d/%d' % (i + 1, steps))
        end = time.time() + 0.2
        while time.time() < end:
            pass
print()
print('\\033[32mdone\\033[0m')
sys.exit(int(os.environ.get('EXIT_CODE', '0')))
`;

/**
 * A program that names its own folder, as Lightning (version_N) and YOLO (train2, train3…) do: it never
 * reads RUNBOARD_RUN_NAME. Runboard links it because it appears under runsDir after the launch.
 */
const SELF_NAMED_PY = `import os, time
root = os.path.join('it_launch', 'self-named')
os.makedirs(root, exist_ok=True)
n = len([d for d in os.listdir(root) if d.startswith('version_')])
d = os.path.join(root, 'version_%d' % n)
os.makedirs(d)
with open(os.path.join(d, 'metrics.csv'), 'w') as f:
    f.write('epoch,step,train_loss\\n')
    for i in range(5):
        f.write('0,%d,%f\\n' % (i, 1.0 / (i + 1)))
        f.flush()
        time.sleep(0.2)
`;

/** A workspace state for a launch manager made by the test (what survives its "reload"). */
class MemoryMemento implements vscode.Memento {
  private readonly data = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.data.has(key) ? (this.data.get(key) as T) : defaultValue;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.data.set(key, JSON.parse(JSON.stringify(value)) as unknown);
    return Promise.resolve();
  }
}

/** The console log Runboard attached to the run (role `log`), once there. */
function logOf(run: RunState): string | undefined {
  return run.otherFiles.find((f) => f.role === 'log')?.path;
}

function isInsideDir(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

const FAKE_GPU = '0, Fake GPU 80GB, GPU-0000, 87, 12, 4096, 81559, 55, 410.25\n';

/** Pids whose command line holds `text` (Linux /proc; empty elsewhere). */
function trainingProcesses(text: string): number[] {
  const pids: number[] = [];
  for (const name of fs.existsSync('/proc') ? fs.readdirSync('/proc') : []) {
    if (!/^\d+$/.test(name)) {
      continue;
    }
    try {
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ');
      const state = fs.readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmd.includes(text) && state !== 'Z') {
        pids.push(Number(name));
      }
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

async function start(config: string, overrides?: string): Promise<LaunchInfo> {
  const info = await vscode.commands.executeCommand<LaunchInfo | undefined>('runboard.startTrainingRun', {
    config,
    overrides,
  });
  assert.ok(info, `launched ${config}`);
  return info;
}

async function runOf(info: LaunchInfo): Promise<RunState> {
  const { controller } = await runboard();
  return waitFor(
    `the run folder of ${info.runName}`,
    () => controller.store.all().find((r) => r.dir.includes(info.runName)),
    30_000,
  );
}

describe('Launching runs', function () {
  this.timeout(120_000);
  const ws = () => workspaceDir();

  before(async () => {
    const bin = writeFakeNvidiaSmi(FAKE_GPU);
    fs.writeFileSync(path.join(ws(), 'it_train.py'), TRAIN_PY);
    fs.writeFileSync(path.join(ws(), 'it_self_named.py'), SELF_NAMED_PY);
    const program = '${workspaceFolder}/it_train.py';
    const file = {
      configurations: [
        { name: 'it-ok', program, args: ['15'], runsDir: 'it_launch', env: { PATH: `${bin}:\${env:PATH}` } },
        { name: 'it-fail', program, args: ['3'], runsDir: ['it_launch'] },
        { name: 'it-long', command: 'python3 -u it_train.py 500', runsDir: 'it_launch' },
        { name: 'it-console', command: 'python3 it_train.py 3', runsDir: 'it_launch', env: { EXIT_CODE: '3' } },
        { name: 'it-self-named', command: 'python3 it_self_named.py', runsDir: 'it_launch' },
      ],
    };
    fs.mkdirSync(path.join(ws(), '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(ws(), '.vscode', 'runboard.json'), JSON.stringify(file, null, 2));
    await vscode.workspace
      .getConfiguration('runboard.launch')
      .update('sampleIntervalSeconds', 0.5, vscode.ConfigurationTarget.Workspace);
    const { controller } = await runboard();
    await controller.rescanDone();
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('runboard.launch')
      .update('sampleIntervalSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(path.join(ws(), 'it_launch'), { recursive: true, force: true });
  });

  it('shows "starting…", links the run folder, grows live, samples resources, ends finished', async () => {
    const { tree } = await runboard();
    const info = await start('it-ok');
    const pending = tree.getChildren().find((n) => n.kind === 'pending' && n.id === info.launchId);
    assert.ok(pending, 'a starting row at once');
    assert.equal(tree.getTreeItem(pending).description, 'starting…');
    const run = await runOf(info);
    await waitFor('the starting row to go', () => !tree.getChildren().some((n) => n.kind === 'pending'));
    assert.equal(run.status, 'running');
    const first = await waitFor('first points', () => run.series.get('train_loss')?.length);
    await waitFor('more points', () => (run.series.get('train_loss')?.length ?? 0) > first + 2);
    await waitFor('status finished', () => run.status === 'finished', 30_000);
    assert.equal(run.launchExitCode, 0);
    await waitFor('all 15 rows', () => run.series.get('train_loss')?.length === 15);
    const cpu = run.series.get('system/cpu_percent');
    const rss = run.series.get('system/memory_rss_mb');
    assert.ok(cpu && cpu.length >= 1, 'CPU % samples');
    assert.ok(rss && rss.length >= 2 && (rss.stats().max ?? 0) > 1, 'RSS samples');
    console.log(`      cpu % samples: ${[...cpu.values].join(', ')}`);
    const gpu = run.series.get('system/gpu.0.utilization_percent');
    assert.ok(gpu && gpu.length >= 2, 'GPU samples from the fake nvidia-smi on the task PATH');
    assert.equal(gpu.stats().last?.[1], 87);
    assert.equal(run.series.get('system/gpu.0.power_w')?.stats().last?.[1], 410.25);
    const count = cpu.length;
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(run.series.get('system/cpu_percent')?.length, count, 'sampling stopped with the run');
  });

  it('marks a run that exits 1 as failed with that code, and re-runs it with the same overrides', async () => {
    const info = await start('it-fail', 'EXIT_CODE=1');
    const run = await runOf(info);
    await waitFor('status failed', () => run.status === 'failed', 30_000);
    assert.equal(run.launchExitCode, 1);
    assert.equal(run.series.get('train_loss')?.length, 3);
    const again = await vscode.commands.executeCommand<LaunchInfo>('runboard.rerunRun', run.id);
    assert.ok(again && again.launchId !== info.launchId);
    const rerun = await runOf(again);
    await waitFor('the re-run to fail the same way', () => rerun.status === 'failed', 30_000);
    assert.equal(rerun.launchExitCode, 1);
  });

  it('stops a run mid-way (from the palette: it asks which): the whole process tree ends, status stopped', async () => {
    const info = await start('it-long');
    const run = await runOf(info);
    await waitFor('a few points', () => (run.series.get('train_loss')?.length ?? 0) >= 3);
    assert.ok(trainingProcesses('it_train.py 500').length > 0, 'the training process runs');
    // Without its row the command never guesses: it lists the live launches, this one alone.
    let answered = false;
    const stopping = vscode.commands.executeCommand('runboard.stopRun').then(() => (answered = true));
    // Accept the pick once it shows (accepting with none open does nothing).
    for (let tries = 0; !answered && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 200));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await stopping;
    await waitFor('status stopped', () => run.status === 'stopped', 20_000);
    await waitFor('no training process left', () => trainingProcesses('it_train.py 500').length === 0);
    const n = run.series.get('train_loss')?.length ?? 0;
    assert.ok(n < 500);
    await new Promise((r) => setTimeout(r, 1000));
    await (await runboard()).controller.store.poll(run.id);
    assert.equal(run.series.get('train_loss')?.length, n, 'nothing is written after the stop');
    assert.ok(run.series.has('system/cpu_percent') || run.series.has('system/memory_rss_mb'));
    const log = logOf(run);
    assert.ok(log && fs.existsSync(log), 'a stopped run keeps its console log');
    assert.match(fs.readFileSync(log, 'utf8'), /training 2\/500/);
  });

  it('captures the console into a log in the extension storage: progress bar, colour, exit code 3', async () => {
    const info = await start('it-console');
    const run = await runOf(info);
    await waitFor('status failed', () => run.status === 'failed', 30_000);
    assert.equal(run.launchExitCode, 3, 'the exit code comes through the console capture');
    const log = await waitFor('the log on the run', () => logOf(run));
    assert.ok(!isInsideDir(log, ws()), `the log is not in the workspace: ${log}`);
    assert.ok(!isInsideDir(log, run.dir), 'never in the run folder');
    assert.match(path.dirname(log), /launch-logs$/);
    const text = await waitFor('the whole output in the log', () => {
      const t = fs.existsSync(log) && fs.readFileSync(log, 'utf8');
      return t && t.includes('done') && t;
    });
    assert.match(text, /unbuffered=1/);
    assert.match(text, /training 1\/3\rtraining 2\/3\rtraining 3\/3/, 'the \\r progress bar as written');
    assert.ok(text.includes('\x1b[32mdone\x1b[0m'), 'the ANSI colour as written (a terminal, not a pipe)');
    console.log(`      log: ${log} (${text.length} bytes)`);
  });

  it('survives a reload: a running launch is re-attached, an ended one keeps its status and re-runs', async () => {
    const { controller } = await runboard();
    const memento = new MemoryMemento();
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-it-logs-'));
    const make = () =>
      new LaunchManager({
        store: controller.store,
        settings: () => ({ wandbOffline: false, sampleIntervalMs: 500 }),
        state: memento,
        logDir,
      });
    const config: LaunchConfig = { name: 'it-reload', command: 'python3 it_train.py 499', runsDir: ['it_launch'] };
    const folder = vscode.workspace.workspaceFolders?.[0];
    const first = make();
    const launched = await first.launch(config, folder, 'EXIT_CODE=0');
    const run = await runOf(launched.info);
    await waitFor('a few points', () => (run.series.get('train_loss')?.length ?? 0) >= 3);
    await waitFor('memory samples', () => run.series.get('system/memory_rss_mb')?.length);
    const taskPid = launched.pid;
    first.dispose(); // the window goes away; the task does not
    assert.ok(trainingProcesses('it_train.py 499').length > 0, 'the task outlives the manager');

    const second = make();
    await second.restored;
    const again = second.get(launched.launchId);
    assert.ok(again, 'remembered');
    assert.equal(again.phase, 'running');
    assert.ok(again.reattached, 're-attached');
    assert.ok(again.execution, 'its task found among vscode.tasks.taskExecutions');
    assert.equal(again.pid, taskPid, 'its process found again by RUNBOARD_RUN_ID');
    assert.equal(again.runId, run.id);
    assert.equal(again.overrides, 'EXIT_CODE=0');
    assert.equal(run.status, 'running');
    const samples = run.series.get('system/memory_rss_mb')?.length ?? 0;
    await waitFor('sampling resumes', () => (run.series.get('system/memory_rss_mb')?.length ?? 0) > samples + 1);
    await second.stop(again);
    await waitFor('status stopped', () => run.status === 'stopped', 20_000);
    await waitFor('no training process left', () => trainingProcesses('it_train.py 499').length === 0);
    assert.ok(again.logPath && isInsideDir(again.logPath, logDir) && fs.existsSync(again.logPath));
    second.dispose();

    const third = make();
    await third.restored;
    const ended = third.get(launched.launchId);
    assert.ok(ended);
    assert.equal(ended.phase, 'stopped', 'its last status');
    assert.equal(run.status, 'stopped');
    assert.equal(logOf(run), again.logPath);
    const rerun = await third.rerun(ended);
    assert.notEqual(rerun.launchId, ended.launchId);
    const rerunRun = await runOf(rerun.info);
    await waitFor('the re-run grows', () => (rerunRun.series.get('train_loss')?.length ?? 0) >= 2);
    await third.stop(rerun);
    await waitFor('the re-run stopped', () => rerunRun.status === 'stopped', 20_000);
    third.dispose();
    fs.rmSync(logDir, { recursive: true, force: true });
  });

  it('links a folder the program names itself (not after RUNBOARD_RUN_NAME) that appears under runsDir', async () => {
    const { controller } = await runboard();
    const before = new Set(controller.store.all().map((r) => r.id));
    const info = await start('it-self-named');
    assert.ok(!info.runName.startsWith('version_'));
    const run = await waitFor(
      'the self-named run',
      () =>
        controller.store.all().find((r) => !before.has(r.id) && r.dir.includes(path.join('it_launch', 'self-named'))),
      30_000,
    );
    await waitFor('its launch status', () => run.launchStatus !== undefined, 20_000);
    await waitFor('finished', () => run.status === 'finished', 30_000);
    assert.equal(run.launchExitCode, 0);
    assert.equal(run.series.get('train_loss')?.length, 5);
    assert.ok(logOf(run), 'the console log is attached to it');
  });

  it('runs a Python file with Runboard (the editor title command)', async () => {
    const file = vscode.Uri.file(path.join(ws(), 'it_train.py'));
    const info = await vscode.commands.executeCommand<LaunchInfo>('runboard.runPythonFile', file);
    assert.ok(info && info.runName.startsWith('it_train-'));
    const run = await runOf(info);
    await waitFor('status finished', () => run.status === 'finished', 30_000);
    assert.equal(run.series.get('train_loss')?.length, 4);
  });

  it('validates .vscode/runboard.json in the editor with the contributed JSON schema', async () => {
    const file = path.join(ws(), '.vscode', 'runboard.json');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    const original = doc.getText();
    try {
      await editor.edit((e) =>
        e.replace(
          new vscode.Range(doc.positionAt(0), doc.positionAt(original.length)),
          '{ "configurations": [ { "name": "x", "runsDir": 3, "bogus": true } ] }',
        ),
      );
      const diagnostics = await waitFor(
        'schema diagnostics',
        () => {
          const d = vscode.languages.getDiagnostics(doc.uri);
          return d.length > 0 && d;
        },
        20_000,
      );
      console.log(`      schema says: ${diagnostics.map((d) => d.message).join(' | ')}`);
      assert.ok(
        diagnostics.some((d) => /bogus/.test(d.message)),
        'unknown properties are flagged',
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('says which configuration is missing', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('runboard.startTrainingRun', { config: 'nope' })),
      /no launch configuration named "nope"/,
    );
  });
});
