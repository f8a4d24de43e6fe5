// Starts code-server (VS Code 1.139 on Node 24) on 127.0.0.1 and builds workbench URLs for it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { codeServerEntry, node24Bin } from './versions.mjs';

/** A free TCP port on 127.0.0.1 (or `preferred` when it is free). */
export async function freePort(preferred = 0) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const { port: got } = server.address();
        server.close(() => resolve(got));
      });
    });
  return (preferred && (await tryPort(preferred))) || (await tryPort(0));
}

/**
 * Starts code-server. `settings` is written to the user data dir's User/settings.json first.
 * Resolves once the server answers HTTP. `stop()` kills it and its children, and resolves once it is
 * gone and the data folder made here (not a given `dataRoot`) is removed.
 */
export async function startCodeServer({ workspace, port, settings = {}, env = {}, dataRoot, log = () => {} }) {
  const root = dataRoot ?? fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-vscode-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const chosenPort = await freePort(port);
  const args = [
    codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${chosenPort}`,
    '--auth',
    'none',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--vscode-option',
    'enable-smoke-test-driver',
    workspace,
  ];
  const child = spawn(node24Bin, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = [];
  const collect = (chunk) => {
    const text = chunk.toString();
    output.push(text);
    log(text);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const base = `http://127.0.0.1:${chosenPort}`;
  await waitForHttp(base, child, output);
  const exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    // Gone before anything removes its folders (it writes logs while it shuts down).
    let timer;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
    clearTimeout(timer);
    if (!dataRoot) {
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 5 });
    }
  };
  return { base, port: chosenPort, userDataDir, extensionsDir, root, child, stop, output };
}

async function waitForHttp(base, child, output, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode}:\n${output.join('')}`);
    }
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer on ${base} within ${timeoutMs} ms:\n${output.join('')}`);
}

/** The workbench URL that opens `folder` with the extension under development (and its tests) loaded. */
export function workbenchUrl(base, { folder, extensionPath, testsPath }) {
  const authority = new URL(base).host;
  const payload = [['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`]];
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${testsPath}`]);
  payload.push(['skipWelcome', 'true']);
  const query = new URLSearchParams({ folder, payload: JSON.stringify(payload) });
  return `${base}/?${query.toString()}`;
}

/** Chromium flags that keep a headless browser quiet on a machine with no network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
