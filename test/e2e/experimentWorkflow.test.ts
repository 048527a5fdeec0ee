// The first-run workflow in a real VS Code: New Experiment creates and opens the file; Train Experiment trains it
// and the dashboard webview draws the loss curve and the reconstructions; the side bar lists the run; the walkthrough's
// buttons run their commands and check their steps off.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { coloredPixels, inkPixels } from './harness/canvasPixels';
import { writeSmallExperiment } from './harness/experiments';
import { installUnpacked } from './harness/extensionFolders';
import { runIds, waitFor, waitForNewRun, waitForStatus } from './harness/runFiles';
import { openSession, sessionTest, type Session } from './harness/session';

let session: Session | undefined;
beforeAll(async () => {
  session = await openSession({ install: (extensionsDir) => installUnpacked(extensionsDir) });
});
afterAll(async () => session?.close());

const test = sessionTest(() => session);

describe('experiment workflow (unpacked build)', () => {
  test('the extension activates and New Experiment creates and opens experiments/<name>.ae.json', async ({ workbench, workspace }) => {
    await workbench.runCommandAndPick('Autoencoder Lab: New Experiment', 'deep', 'Deep fully connected');
    await expect.poll(() => workbench.quickInputTitle()).toContain('name');
    await workbench.type('first-deep');
    await workbench.page.locator('.tab.active', { hasText: 'first-deep.ae.json' }).waitFor({ timeout: 30_000 });
    const file = join(workspace, 'experiments', 'first-deep.ae.json');
    expect(existsSync(file)).toBe(true);
    const experiment = JSON.parse(readFileSync(file, 'utf8'));
    expect(experiment).toMatchObject({ name: 'first-deep', kind: 'deep', data: { source: 'builtin:mnist' } });
  });

  test('Train Experiment for one epoch completes and the dashboard draws the curve and the reconstructions', async ({ workbench, workspace, runsDir }) => {
    writeSmallExperiment(workspace, 'one-epoch', { epochs: 1, limit: 1000 });
    await workbench.openFile('one-epoch.ae.json', 'experiments');
    const before = runIds(runsDir);
    await workbench.runCommand('Autoencoder Lab: Train Experiment');
    const runDir = await waitForNewRun(runsDir, before, 60_000);
    const summary = await waitForStatus(runDir, ['completed', 'failed', 'stopped'], 180_000);
    expect(summary.status, JSON.stringify(summary.error)).toBe('completed');
    expect(summary.epochs).toBe(1);
    expect(summary.trainSamples + summary.validationSamples).toBe(1000);

    const dashboard = await workbench.webviewFrame('.loss-chart canvas');
    // One epoch is one point per series: the blue train and orange validation markers, beside the grey grid.
    await waitFor('the loss series to be drawn', async () => (await coloredPixels(dashboard.locator('.loss-chart canvas').first())) > 20, 30_000);
    await dashboard.locator('vscode-tab-header[data-view="reconstructions"]').click();
    const cells = dashboard.locator('.recon-cell canvas');
    await waitFor('reconstructions', async () => (await cells.count()) >= 2, 30_000);
    expect(await inkPixels(cells.first())).toBeGreaterThan(20);
    expect(await inkPixels(cells.last())).toBeGreaterThan(20);
    await workbench.notification(/completed/).waitFor({ timeout: 30_000 });
  });

  test('the Autoencoder Lab side bar shows the Training view and lists the finished run in the Runs view', async ({ workbench }) => {
    await workbench.page.locator('.activitybar .action-item a[aria-label^="Autoencoder Lab"]').click();
    const sideBar = workbench.page.locator('.part.sidebar');
    await sideBar.locator('.pane-header', { hasText: 'Training' }).waitFor();
    await sideBar.locator('.pane-header', { hasText: 'Runs' }).waitFor();
    const run = sideBar.locator('.monaco-list-row', { hasText: 'one-epoch' });
    await run.waitFor({ timeout: 30_000 });
    expect(await run.textContent()).toContain('deep');
    await workbench.page.locator('.activitybar .action-item a[aria-label^="Explorer"]').click();
  });

  test('the Get Started walkthrough: its buttons run the commands and check the steps off', async ({ workbench }) => {
    const steps = workbench.page.locator('.getting-started-step');
    const openWalkthrough = async () => {
      await workbench.runCommandAndPick('Welcome: Open Walkthrough...', 'Autoencoder Lab', 'Get Started with Autoencoder Lab');
      await steps.first().waitFor({ timeout: 30_000 });
    };
    const checked = () => steps.evaluateAll((all) => all.map((step) => !!step.querySelector('.codicon-getting-started-step-checked')));
    await workbench.runCommand('View: Close All Editors'); // the latent-space link then opens a new dashboard
    await openWalkthrough();
    expect(await steps.locator('.step-title').allTextContents()).toEqual(['Create an experiment', 'Train it', 'Explore the latent space', 'Train on your own data']);

    await steps.nth(0).getByRole('button', { name: 'New Experiment' }).click();
    await expect.poll(() => workbench.quickInputTitle()).toContain('New Experiment');
    await workbench.page.keyboard.press('Escape'); // closes the quick pick, and may take the walkthrough back to Welcome
    await openWalkthrough();
    await expect.poll(checked).toEqual([true, false, false, false]);

    await steps.nth(2).click();
    await steps.nth(2).getByRole('button', { name: 'Open the Latent Space' }).click();
    await workbench.webviewFrame('body[data-active-view="latent"]');
    await openWalkthrough(); // the dashboard took its place
    await expect.poll(checked).toEqual([true, false, true, false]);
  });
});
