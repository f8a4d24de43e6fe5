// Runs the mocha suites of test/integration INSIDE a real VS Code.
//   host "web" (default): VS Code 1.139 from npm (code-server) driven by Debian Chromium via playwright-core.
//   host "electron": @vscode/test-electron (downloads VS Code; for machines with a network).
// Choose with RUNBOARD_TEST_HOST=web|electron. Prints a summary line and exits non-zero on failure or no test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { ensureVscodeWeb } from '../scripts/vscode-web/setup.mjs';
import { chromiumArgs, startCodeServer, workbenchUrl } from '../scripts/vscode-web/server.mjs';
import { chromiumPath, repoRoot } from '../scripts/vscode-web/versions.mjs';

const host = process.env.RUNBOARD_TEST_HOST ?? 'web';
const testsPath = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
const TIMEOUT_MS = 15 * 60_000;
/** Extension-host console lines of other extensions that say nothing about our tests (no network here). */
const NOISE =
  /^\[(AgentHost|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)|^(Resolving|Resolved) connection token|^Creating a socket|^Updating additional builtin|open-vsx|telemetry|ENOTFOUND|getaddrinfo/i;

function makeWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-it-ws-'));
  fs.writeFileSync(path.join(dir, 'README.txt'), 'Workspace of the Runboard in-VS-Code tests.\n');
  return dir;
}

function readReport(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

async function runWeb(workspace, reportFile) {
  ensureVscodeWeb();
  const server = await startCodeServer({
    workspace,
    env: { RUNBOARD_TEST_REPORT: reportFile, RUNBOARD_TEST_WORKSPACE: workspace },
    settings: { 'workbench.startupEditor': 'none', 'chat.commandCenter.enabled': false },
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (!NOISE.test(line)) console.log(line);
    });
    await page.goto(workbenchUrl(server.base, { folder: workspace, extensionPath: repoRoot, testsPath }));
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS));
    const code = await Promise.race([exited, timeout]);
    if (code === 'timeout') {
      console.error(`in-VS-Code tests did not finish within ${TIMEOUT_MS / 60000} min`);
      dumpLogs(server.userDataDir);
      return 1;
    }
    if (code !== 0) dumpLogs(server.userDataDir);
    return code;
  } finally {
    await browser.close();
    await server.stop();
  }
}

function dumpLogs(userDataDir) {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return;
  for (const entry of fs.readdirSync(logs, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /exthost/i.test(entry.name)) {
      const file = path.join(entry.parentPath, entry.name);
      console.error(`--- ${file}\n${fs.readFileSync(file, 'utf8').slice(-8000)}`);
    }
  }
}

async function runElectron(workspace, reportFile) {
  const { runTests } = await import('@vscode/test-electron');
  process.env.RUNBOARD_TEST_REPORT = reportFile;
  process.env.RUNBOARD_TEST_WORKSPACE = workspace;
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
    return 0;
  } catch (err) {
    console.error(err);
    return 1;
  }
}

const workspace = makeWorkspace();
const reportFile = path.join(os.tmpdir(), `runboard-it-report-${process.pid}.json`);
fs.rmSync(reportFile, { force: true });
const code = host === 'electron' ? await runElectron(workspace, reportFile) : await runWeb(workspace, reportFile);
const report = readReport(reportFile);
fs.rmSync(reportFile, { force: true });
fs.rmSync(workspace, { recursive: true, force: true, maxRetries: 3 });
fs.mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
fs.writeFileSync(
  path.join(repoRoot, 'test-results', `integration-${host}.json`),
  JSON.stringify({ host, code, ...report }, null, 2),
);
if (!report) {
  console.error(`integration (${host}): no report — the suite did not run`);
  process.exit(1);
}
console.log(`integration (${host}): ${report.passes} passed, ${report.failures} failed`);
process.exit(code === 0 && report.failures === 0 && report.passes > 0 ? 0 : 1);
