// `npm test`: every layer, in the order a developer would fix things, then one summary.
//   1. typecheck, lint, format check      4. in VS Code: the mocha suites inside a real VS Code
//   2. build                               5. e2e: Playwright through that VS Code's workbench
//   3. unit + real-world (mocha in Node)   6. package: the .vsix installs and activates
// A layer that fails, or runs no test, fails the whole command. RUNBOARD_TEST_HOST=electron runs
// layer 4 under @vscode/test-electron instead of the web host.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureVscodeWeb } from './vscode-web/setup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const host = process.env.RUNBOARD_TEST_HOST ?? 'web';
const summary = [];

/** Runs a command with live output; resolves with its exit code and full output. */
function run(argv, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const tee = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Counts from mocha's spec reporter, or from our runners' "<layer>: N passed, M failed" line. */
function counts(output) {
  const plain = [...output.matchAll(/^[\w() -]+: (\d+) passed, (\d+) failed/gm)].pop();
  if (plain) return { passed: Number(plain[1]), failed: Number(plain[2]), pending: 0 };
  const passing = /(\d+) passing/.exec(output);
  const failing = /(\d+) failing/.exec(output);
  const pending = /(\d+) pending/.exec(output);
  return { passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0), pending: Number(pending?.[1] ?? 0) };
}

async function layer(name, argv, { env, counted = true } = {}) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const { code, output } = await run(argv, env);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const c = counted ? counts(output) : undefined;
  const ok = code === 0 && (!c || (c.failed === 0 && c.passed > 0));
  summary.push({ name, ok, seconds, ...c });
  if (!ok) {
    const why = code !== 0 ? `exit code ${code}` : c && c.passed === 0 ? 'no test ran' : 'failures';
    finish(`${name} failed (${why})`);
  }
}

function finish(failure) {
  console.log('\n━━ summary ━━');
  for (const s of summary) {
    const tally =
      s.passed !== undefined
        ? `${s.passed} passed, ${s.failed} failed${s.pending ? `, ${s.pending} skipped` : ''}`
        : 'ok';
    console.log(`${s.ok ? '✔' : '✘'} ${s.name.padEnd(28)} ${tally.padEnd(36)} ${s.seconds}s`);
  }
  const passed = summary.reduce((n, s) => n + (s.passed ?? 0), 0);
  const failed = summary.reduce((n, s) => n + (s.failed ?? 0), 0) + (failure && !summary.some((s) => s.failed) ? 1 : 0);
  if (failure) console.log(`\n${failure}`);
  console.log(`\ntotal: ${passed} passed, ${failed} failed`);
  process.exit(failure ? 1 : 0);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const node = process.execPath;
await layer('typecheck', [npm, 'run', '-s', 'typecheck'], { counted: false });
await layer('lint', [npm, 'run', '-s', 'lint'], { counted: false });
await layer('format check', [npm, 'run', '-s', 'format:check'], { counted: false });
await layer('build', [node, 'esbuild.mjs'], { counted: false });
await layer('unit + real-world (Node)', [node, 'node_modules/mocha/bin/mocha.js', '--config', '.mocharc.unit.json']);
if (host === 'web') {
  console.log('\n━━ VS Code for tests (cached after the first run) ━━');
  ensureVscodeWeb();
}
await layer(`in VS Code (${host})`, [node, 'test/runIntegration.mjs'], { env: { RUNBOARD_TEST_HOST: host } });
await layer('e2e (Playwright, VS Code web)', [
  node,
  'node_modules/mocha/bin/mocha.js',
  '--config',
  '.mocharc.e2e.json',
]);
await layer('package (.vsix)', [node, 'test/runPackageTest.mjs']);
finish();
