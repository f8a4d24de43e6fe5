// Transpiles only the given folders/files to out/ (fast, and a half-written file elsewhere cannot break it).
// Usage: node scripts/transpile.mjs src/core test/unit/sources/tensorboard
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const inputs = process.argv.slice(2);
const files = inputs.flatMap((p) =>
  fs.statSync(p).isDirectory()
    ? fs
        .readdirSync(p, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.d.ts'))
        .map((d) => path.join(d.parentPath ?? d.path, d.name))
    : [p],
);
await esbuild.build({
  entryPoints: files,
  outdir: 'out',
  outbase: '.',
  bundle: false,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
