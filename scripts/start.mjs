// `npm start`: builds, then serves a real VS Code (1.139, code-server) on 127.0.0.1 with Runboard loaded in
// development mode on a generated demo workspace, while a simulated training keeps appending to one run.
// Ctrl+C stops everything it started. PORT (default 3000) and RUNBOARD_DEMO_DIR override the defaults.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureVscodeWeb } from './vscode-web/setup.mjs';
import { startCodeServer, workbenchUrl } from './vscode-web/server.mjs';
import { repoRoot } from './vscode-web/versions.mjs';

const parent = process.ppid;
const port = Number(process.env.PORT ?? 3000);
const workspace = path.resolve(process.env.RUNBOARD_DEMO_DIR ?? path.join(repoRoot, '.demo-workspace'));
const children = [];

function step(msg) {
  console.log(`[start] ${msg}`);
}

function runOrExit(argv) {
  const r = spawnSync(argv[0], argv.slice(1), { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

step('building');
runOrExit([process.execPath, 'esbuild.mjs']);
ensureVscodeWeb();
step(`writing the demo workspace to ${workspace}`);
runOrExit([process.execPath, 'out/test/demo/makeDemoWorkspace.js', workspace]);
const { LIVE_RUN_DIR } = await import(path.join(repoRoot, 'out/test/demo/makeDemoWorkspace.js'));

const server = await startCodeServer({
  workspace,
  port,
  dataRoot: path.join(repoRoot, '.vscode-test', 'start-data'),
  settings: {
    'workbench.colorTheme': 'Default Dark Modern',
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'chat.commandCenter.enabled': false,
  },
});
children.push({ kill: () => server.stop() });

step('simulated training: appending to ' + LIVE_RUN_DIR);
const live = spawn(process.execPath, ['out/test/demo/liveTraining.js', path.join(workspace, LIVE_RUN_DIR), '500'], {
  cwd: repoRoot,
  stdio: 'inherit',
});
children.push(live);
const watcher = spawn(process.execPath, ['esbuild.mjs', '--watch'], {
  cwd: repoRoot,
  stdio: ['ignore', 'ignore', 'inherit'],
});
children.push(watcher);

const url = workbenchUrl(server.base, { folder: workspace, extensionPath: repoRoot });
console.log(
  `\nRunboard is running in VS Code at:\n\n  ${url}\n\n(port ${server.port}; sources rebuild on change, reload the window to pick them up; Ctrl+C stops)\n`,
);

let stopping = false;
function stopAll() {
  if (stopping) return;
  stopping = true;
  step('stopping');
  for (const child of children) {
    try {
      child.kill();
    } catch {
      /* gone */
    }
  }
  process.exit(0);
}
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
// npm runs this under `sh -c`, which does not pass on a SIGTERM sent to npm (a supervisor, `timeout`):
// when the parent goes, stop too, or code-server and the simulated training would run on orphaned.
// (`parent` is read first thing, before the minutes a first setup can take.)
setInterval(() => {
  if (process.ppid !== parent) stopAll();
}, 1000).unref();
server.child.on('exit', (code) => {
  if (!stopping) {
    console.error(`[start] VS Code server exited (${code})`);
    stopAll();
  }
});
