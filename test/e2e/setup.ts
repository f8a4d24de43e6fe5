// Root hooks of the e2e suite: one real VS Code (code-server) on a fresh demo workspace, one Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { makeDemoWorkspace } from '../demo/makeDemoWorkspace';
import { Workbench } from './workbench';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

interface Server {
  base: string;
  userDataDir: string;
  stop(): Promise<void>;
}

export interface E2eContext {
  workbench: Workbench;
  workspace: string;
  userDataDir: string;
  /** Sets the user settings to the base ones plus `settings`, through VS Code's own settings editor. */
  setSettings(settings: Record<string, unknown>): Promise<void>;
}

export const BASE_SETTINGS: Record<string, unknown> = {
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.preferredDarkColorTheme': 'Default Dark Modern',
  'workbench.preferredLightColorTheme': 'Default Light Modern',
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'window.commandCenter': false,
};

let browser: Browser | undefined;
let server: Server | undefined;
let context: E2eContext | undefined;
let workspace: string | undefined;

export function e2e(): E2eContext {
  if (!context) {
    throw new Error('e2e context not ready: the root hook did not run');
  }
  return context;
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(10 * 60_000);
    const setup = await import(path.join(repoRoot, 'scripts/vscode-web/setup.mjs'));
    const web = await import(path.join(repoRoot, 'scripts/vscode-web/server.mjs'));
    const versions = await import(path.join(repoRoot, 'scripts/vscode-web/versions.mjs'));
    setup.ensureVscodeWeb();
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-e2e-ws-'));
    makeDemoWorkspace(workspace);
    server = (await web.startCodeServer({ workspace, settings: BASE_SETTINGS })) as Server;
    browser = await chromium.launch({ executablePath: versions.chromiumPath, args: web.chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const workbench = new Workbench(page);
    await page.goto(web.workbenchUrl(server.base, { folder: workspace, extensionPath: repoRoot }));
    await workbench.waitReady();
    const userDataDir = server.userDataDir;
    context = {
      workbench,
      workspace,
      userDataDir,
      setSettings: (settings) => workbench.setUserSettings({ ...BASE_SETTINGS, ...settings }),
    };
  },
  /** A failed test leaves a picture of the workbench as it was (test-results/failed-<title>.png). */
  async afterEach(this: Mocha.Context) {
    if (this.currentTest?.state === 'failed' && context) {
      const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await context.workbench.screenshot(`failed-${name}`).catch(() => undefined);
    }
  },
  async afterAll() {
    try {
      await browser?.close();
    } finally {
      await server?.stop();
      if (workspace) {
        fs.rmSync(workspace, { recursive: true, force: true, maxRetries: 5 });
      }
    }
  },
};
