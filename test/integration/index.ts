// Entry point of the in-VS-Code suites (the contract @vscode/test-electron uses): run() resolves when
// every test passed. Loaded by the extension host of the real VS Code (web host: code-server; electron
// host: @vscode/test-electron). Writes a JSON summary to $RUNBOARD_TEST_REPORT when set.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.RUNBOARD_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  for (const file of findTests(__dirname)) {
    mocha.addFile(file);
  }
  const started = Date.now();
  const stats = await new Promise<Mocha.Stats>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(runner.stats ?? ({} as Mocha.Stats)));
    } catch (err) {
      reject(err);
    }
  });
  writeReport(stats, Date.now() - started);
  if ((stats.failures ?? 0) > 0) {
    throw new Error(`${stats.failures} in-VS-Code test(s) failed`);
  }
  if ((stats.passes ?? 0) === 0) {
    throw new Error('no in-VS-Code test ran');
  }
}

function findTests(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.test.js'))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

function writeReport(stats: Mocha.Stats, ms: number): void {
  const file = process.env.RUNBOARD_TEST_REPORT;
  if (!file) {
    return;
  }
  const report = { passes: stats.passes, failures: stats.failures, pending: stats.pending, tests: stats.tests, ms };
  fs.writeFileSync(file, JSON.stringify(report));
}
