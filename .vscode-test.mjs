// @vscode/test-cli configuration, for contributors whose machine can download VS Code:
//   npx vscode-test        (same suites as `RUNBOARD_TEST_HOST=electron npm test`'s in-VS-Code layer)
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/integration/**/*.test.js',
  mocha: { ui: 'bdd', timeout: 30000 },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
});
