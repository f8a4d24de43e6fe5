// Real child processes for the /proc tests: python3 busy loops, optionally with a grandchild.
import { spawn, type ChildProcess } from 'node:child_process';

/** A python3 process that burns CPU for `seconds` (and, with `withChild`, starts a sleeping child). */
export function spawnBusyPython(seconds: number, withChild = false): ChildProcess {
  const code = [
    'import subprocess, sys, time',
    withChild ? 'c = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])' : 'c = None',
    'print("ready", flush=True)',
    `end = time.time() + ${seconds}`,
    'x = 0',
    'while time.time() < end: x += 1',
    'if c: c.wait()',
  ].join('\n');
  return spawn('python3', ['-c', code], { stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Resolves once the child printed its first line (its setup is done). */
export function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('error', reject);
  });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
