// Bundles: dist/extension.js (VS Code host), dist/checkpointWorker.js (its checkpoint reader thread),
// dist/cli.js (the `runboard` CLI), dist/webview/<app>.js
// (one browser bundle per webview app), and out/ (tests and benchmarks, transpiled file by file).
// Flags: --watch, --production (minified, no source maps). Type-checking is `npm run typecheck`.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the `file:line:col: error: text` shape the $esbuild-watch problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [problemMatcher],
};

// A production build starts from an empty dist/ so no stale source map or bundle is packaged.
if (production) fs.rmSync('dist', { recursive: true, force: true });

const webviewApps = fs.existsSync('src/webview')
  ? fs
      .readdirSync('src/webview', { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join('src/webview', d.name, 'main.ts')))
      .map((d) => d.name)
  : [];

function listTs(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.d.ts'))
    .map((d) => path.join(d.parentPath ?? d.path, d.name));
}

const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // Checkpoints are inspected in a worker thread (src/core/checkpoints/isolatedInspect.ts).
    ...common,
    entryPoints: ['src/core/checkpoints/inspectWorker.ts'],
    outfile: 'dist/checkpointWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  ...webviewApps.map((app) => ({
    ...common,
    entryPoints: [`src/webview/${app}/main.ts`],
    outfile: `dist/webview/${app}.js`,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  })),
];

// Tests and benchmarks: transpiled one file at a time (no bundling) so mocha sees one module per file
// and the in-VS-Code suites `require('vscode')` from the real host.
if (!production) {
  builds.push({
    entryPoints: [...listTs('src'), ...listTs('test'), ...listTs('bench')],
    outdir: 'out',
    outbase: '.',
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

// Codicons for the webviews (vscode-elements looks for the stylesheet with id "vscode-codicon-stylesheet").
fs.mkdirSync('dist/webview', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) {
  fs.copyFileSync(path.join('node_modules/@vscode/codicons/dist', file), path.join('dist/webview', file));
}

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('[watch] watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
