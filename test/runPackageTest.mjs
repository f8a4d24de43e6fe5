// Packages the extension, installs the .vsix into the test VS Code with --install-extension, and checks
// that it activates there (no development path: the installed copy) and that the package holds only
// the allowlisted files, under 2 MB. Prints "package: N passed, M failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ensureVscodeWeb } from '../scripts/vscode-web/setup.mjs';
import { chromiumArgs, startCodeServer } from '../scripts/vscode-web/server.mjs';
import { chromiumPath, codeServerEntry, node24Bin, repoRoot } from '../scripts/vscode-web/versions.mjs';

const MAX_BYTES = 2 * 1024 * 1024;
const ALLOWED =
  /^extension\/(dist\/.*\.(js|css|ttf)|media\/.*|schemas\/.*\.json|package\.json|readme\.md|changelog\.md|LICENSE\.txt)$|^\[Content_Types\]\.xml$|^extension\.vsixmanifest$/;
const results = [];

function check(name, fn) {
  return Promise.resolve()
    .then(fn)
    .then(
      () => {
        results.push([name, true]);
        console.log(`  ✔ ${name}`);
      },
      (err) => {
        results.push([name, false]);
        console.log(`  ✘ ${name}: ${err instanceof Error ? err.message : err}`);
      },
    );
}

function run(argv, options = {}) {
  const r = spawnSync(argv[0], argv.slice(1), { cwd: repoRoot, encoding: 'utf8', ...options });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const { version, name } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const vsix = path.join(repoRoot, `${name}-${version}.vsix`);
console.log('package');
await check('npm run package makes the .vsix', () => {
  fs.rmSync(vsix, { force: true });
  run(['npm', 'run', 'package']);
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} was not written`);
});
await check('the .vsix is under 2 MB and holds only allowlisted files', () => {
  const size = fs.statSync(vsix).size;
  if (size > MAX_BYTES) throw new Error(`${size} bytes`);
  const listing = run(['unzip', '-Z1', vsix]).split('\n').filter(Boolean);
  const extra = listing.filter((f) => !ALLOWED.test(f));
  if (extra.length) throw new Error(`unexpected files: ${extra.join(', ')}`);
  for (const needed of ['extension/dist/extension.js', 'extension/dist/checkpointWorker.js']) {
    if (!listing.includes(needed)) throw new Error(`${needed} missing`);
  }
});
await check('installs with --install-extension and activates in VS Code', async () => {
  ensureVscodeWeb();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-vsix-'));
  const extensionsDir = path.join(root, 'extensions');
  run([node24Bin, codeServerEntry, '--extensions-dir', extensionsDir, '--install-extension', vsix]);
  const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('runboard.runboard-'));
  if (installed.length !== 1) throw new Error(`not installed in ${extensionsDir}`);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-vsix-ws-'));
  const server = await startCodeServer({ workspace, dataRoot: root, settings: { 'workbench.startupEditor': 'none' } });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.base}/?folder=${encodeURIComponent(workspace)}`);
    const icon = page.locator('.activitybar .action-item a[aria-label^="Runboard"]').first();
    await icon.waitFor({ timeout: 60_000 });
    await icon.click();
    await page
      .locator('.part.sidebar .welcome-view-content', { hasText: 'No runs found' })
      .waitFor({ timeout: 30_000 });
    const log = await waitForLog(server.userDataDir, /_doActivateExtension runboard\.runboard/, 30_000);
    if (/Activating extension 'runboard\.runboard' failed/.test(log)) throw new Error('activation failed:\n' + log);
  } finally {
    await browser.close();
    await server.stop();
    for (const dir of [root, workspace]) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});

async function waitForLog(userDataDir, pattern, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = readHostLogs(userDataDir);
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no activation in the extension host log:\n${text.slice(-3000)}`);
}

function readHostLogs(userDataDir) {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return '';
  return fs
    .readdirSync(logs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /exthost/i.test(e.name))
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

const passed = results.filter(([, ok]) => ok).length;
const failed = results.length - passed;
console.log(`package: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
