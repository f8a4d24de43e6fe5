// Drives the real VS Code web workbench as a person would: activity bar, command palette, tree rows,
// webview frames, screenshots. Also collects console errors and CSP violations from Runboard webviews.
import fs from 'node:fs';
import path from 'node:path';
import type { ConsoleMessage, Frame, Page } from 'playwright-core';

export const RESULTS_DIR = path.resolve(__dirname, '..', '..', '..', 'test-results');
/** A Runboard webview's own bundle (dist/webview/<app>.js), not VS Code's webview host or another extension's. */
const RUNBOARD_SCRIPT = /\/dist\/webview\/[a-z]+\.js/;

export class Workbench {
  /** Console errors and CSP violations seen in webview frames. */
  readonly webviewProblems: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (msg) => this.onConsole(msg));
    // An exception nobody caught, in any frame: a webview's script is served from the extension's folder
    // through VS Code's resource URLs, so its stack names dist/webview.
    page.on('pageerror', (error) => {
      if (RUNBOARD_SCRIPT.test(error.stack ?? '')) {
        this.webviewProblems.push(`uncaught: ${error.message}\n${error.stack}`);
      }
    });
  }

  async waitReady(): Promise<void> {
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await this.page.waitForSelector('.activitybar', { timeout: 60_000 });
  }

  /** Clicks the Runboard icon in the activity bar and waits for the Runs view. */
  async openRunboard(): Promise<void> {
    const icon = this.page
      .locator('.activitybar .action-item a[aria-label^="Runboard"], .activitybar .action-item[aria-label^="Runboard"]')
      .first();
    await icon.waitFor({ timeout: 30_000 });
    const title = this.page.locator('.part.sidebar .composite.title', { hasText: 'Runboard' });
    if ((await title.count()) === 0) {
      await icon.click();
    }
    await title.first().waitFor({ timeout: 30_000 });
  }

  /** Runs a command by its palette title, e.g. "Runboard: Refresh Runs". */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    // The palette has been seen inert (a modal dialog over the workbench) on a loaded CI run: keep a
    // picture of it, dismiss it with Escape, and try again.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      await input.waitFor({ timeout: 10_000 });
      try {
        await input.fill(`>${title}`, { timeout: attempt < 3 ? 5_000 : 30_000 });
        break;
      } catch (err) {
        await this.screenshot(`palette-blocked-${attempt}`);
        if (attempt >= 3) {
          throw err;
        }
        await this.page.keyboard.press('Escape');
        await this.page.waitForTimeout(500);
      }
    }
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Enter');
  }

  /**
   * Runs `open` (which shows a quick pick) then `use` on the pick. On a loaded machine a pick has been
   * seen to close again as it opens; then `use` fails fast (give its steps short timeouts), and the pick
   * is opened again, as a person would, up to three times.
   */
  async inQuickPick(open: () => Promise<void>, use: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await open();
      try {
        await use();
        return;
      } catch (err) {
        if (attempt >= 3) {
          throw err;
        }
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** The visible rows of the Runs tree (their accessible labels). */
  async runsTreeRows(): Promise<string[]> {
    const pane = this.runsPane();
    return pane.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
  }

  /** The side bar while it shows Runboard (the Runs view is its only view, so it has no pane header). */
  runsPane() {
    return this.page.locator('.part.sidebar');
  }

  /** The Runs view's welcome content text, when it shows (no runs). */
  async welcomeText(): Promise<string> {
    const welcome = this.runsPane().locator('.welcome-view-content');
    return (await welcome.count()) > 0 ? ((await welcome.first().textContent()) ?? '') : '';
  }

  /**
   * Switches between the light and dark theme through the command palette, as a person would. (The
   * theme picker itself only shows a marketplace error on a machine with no network.)
   */
  async setTheme(kind: 'light' | 'dark'): Promise<void> {
    if ((await this.isLightTheme()) === (kind === 'light')) {
      return;
    }
    await this.runCommand('Preferences: Toggle between Light/Dark Themes');
    for (let i = 0; i < 100 && (await this.isLightTheme()) !== (kind === 'light'); i++) {
      await this.page.waitForTimeout(100);
    }
    if ((await this.isLightTheme()) !== (kind === 'light')) {
      await this.screenshot(`theme-${kind}-failed`);
      throw new Error(`the ${kind} theme did not apply`);
    }
    await this.page.waitForTimeout(300);
  }

  /**
   * Replaces the user settings as a person would: "Open User Settings (JSON)", select all, type, save,
   * close. (code-server does not pick up a settings.json written behind its back.)
   */
  async setUserSettings(settings: Record<string, unknown>): Promise<void> {
    await this.runCommand('Preferences: Open User Settings (JSON)');
    const tab = this.page.locator('.tabs-container .tab', { hasText: 'settings.json' }).first();
    const editor = this.page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor({ timeout: 10_000 });
    await editor.click();
    // One line, inserted into an emptied editor: typed keys would get auto-closed quotes and auto-indent.
    const text = JSON.stringify(settings);
    const shown = () => editor.locator('.view-lines').evaluate((e) => (e.textContent ?? '').replace(/\u00a0/g, ' '));
    for (let attempt = 0; attempt < 3 && (await shown()) !== text; attempt++) {
      await this.page.keyboard.press('Control+A');
      await this.page.keyboard.press('Delete');
      await this.page.keyboard.insertText(text);
      await this.page.waitForTimeout(200);
    }
    if ((await shown()) !== text) {
      throw new Error(`settings.json says ${await shown()}`);
    }
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.dirty').waitFor({ state: 'detached', timeout: 10_000 });
    await tab.hover();
    await tab.locator('.action-label.codicon-close, .tab-actions .action-label').first().click();
    await tab.waitFor({ state: 'detached', timeout: 10_000 });
  }

  /**
   * Answers VS Code's save/open dialog with `target`: in the web workbench it is a quick input holding a
   * path. It fills in its starting path once it has listed that folder (typing before then is
   * overwritten), so wait for that, type until the value holds, then accept.
   */
  async answerFileDialog(target: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !(await input.inputValue()).startsWith('/')) {
      await this.page.waitForTimeout(100);
    }
    for (let i = 0; i < 5 && (await input.inputValue()) !== target; i++) {
      await input.fill(target);
      await this.page.waitForTimeout(300);
    }
    if ((await input.inputValue()) !== target) {
      throw new Error(`the file dialog says ${await input.inputValue()}, not ${target}`);
    }
    // A file is accepted at once; a folder typed with its separator is entered first (the dialog lists it
    // and shows its path again), then accepted.
    const widget = this.page.locator('.quick-input-widget');
    for (let i = 0; i < 3 && (await widget.isVisible()); i++) {
      await this.page.keyboard.press('Enter');
      const settled = Date.now() + 5_000;
      while (Date.now() < settled && (await widget.isVisible()) && (await input.inputValue()) !== target) {
        await this.page.waitForTimeout(100);
      }
      await this.page.waitForTimeout(300);
    }
  }

  /** True when the workbench shows a light theme. */
  isLightTheme(): Promise<boolean> {
    return this.page.evaluate(() => document.querySelector('.monaco-workbench')?.classList.contains('vs') ?? false);
  }

  /** Waits until a Runs tree row contains `text`. */
  async waitForRow(text: string, timeout = 20_000): Promise<void> {
    await this.runsPane().locator('.monaco-list-row', { hasText: text }).first().waitFor({ timeout });
  }

  async clickRow(text: string): Promise<void> {
    await this.runsPane().locator('.monaco-list-row', { hasText: text }).first().click();
  }

  /** Waits for the webview frame whose document has `selector` (webviews are iframes in iframes). */
  async webviewFrame(selector: string, timeout = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames()) {
        if (!frame.url().includes('webview')) {
          continue;
        }
        const found = await frame.$(selector).catch(() => null);
        if (found) {
          return frame;
        }
      }
      await this.page.waitForTimeout(200);
    }
    throw new Error(`no webview frame with ${selector} within ${timeout} ms`);
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  private onConsole(msg: ConsoleMessage): void {
    const url = msg.location()?.url ?? '';
    const text = msg.text();
    // A Runboard webview's own script: served from the extension's dist/webview through resource URLs
    // (the repo's folder need not be called runboard).
    const fromRunboardScript = RUNBOARD_SCRIPT.test(url);
    const isCsp = /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(text);
    if (
      (msg.type() === 'error' && (fromRunboardScript || (url.includes('webview') && /runboard/i.test(text)))) ||
      (isCsp && /runboard|vscode-resource|vscode-cdn/i.test(url + text))
    ) {
      this.webviewProblems.push(`${msg.type()}: ${text} (${url})`);
    }
  }
}
