// What a person sees first: the Runboard activity-bar icon, the Runs view filled from the demo
// workspace, "Runboard: Refresh Runs" from the command palette, in dark and light themes.
import assert from 'node:assert/strict';
import { e2e } from './setup';

describe('Runs view (e2e)', function () {
  this.timeout(120_000);

  it('opens from the activity bar and shows the demo runs', async () => {
    const { workbench } = e2e();
    await workbench.openRunboard();
    await workbench.screenshot('runs-view-opened');
    const rows = await workbench.runsTreeRows();
    const welcome = await workbench.welcomeText();
    assert.ok(rows.length > 0 || welcome.includes('No runs found'), 'the Runs view shows rows or its welcome content');
  });

  it('expands a run to show its metrics', async () => {
    const { workbench } = e2e();
    const pane = workbench.runsPane();
    await workbench.waitForRow('version_0');
    // The twistie expands without running the row's command (which opens the dashboard).
    await pane.locator('.monaco-list-row', { hasText: 'version_0' }).first().locator('.monaco-tl-twistie').click();
    await workbench.waitForRow('Metrics');
    // version_0's Metrics group has 4 series (another run's Metrics row may be expanded already).
    await pane
      .locator('.monaco-list-row', { hasText: /^Metrics\s*4$/ })
      .first()
      .locator('.monaco-tl-twistie')
      .click();
    await workbench.waitForRow('train_loss');
    await workbench.screenshot('runs-tree-expanded-dark');
  });

  it('runs "Runboard: Refresh Runs" from the command palette', async () => {
    const { workbench } = e2e();
    await workbench.runCommand('Runboard: Refresh Runs');
    await workbench.page.waitForTimeout(500);
    await workbench.screenshot('runs-view-dark');
  });

  it('is readable in the light theme', async () => {
    const { workbench } = e2e();
    await workbench.setTheme('light');
    await workbench.screenshot('runs-view-light');
    await workbench.screenshot('runs-tree-expanded-light');
    await workbench.setTheme('dark');
  });

  it('saw no console error or CSP violation in a Runboard webview', () => {
    assert.deepEqual(e2e().workbench.webviewProblems, []);
  });
});
