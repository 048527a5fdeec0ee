// A run trained by the exported PyTorch script (test/helpers/pytorchRunFolder.ts), opened from its folder: its curves
// with the loss parts it logged, every tab that needs a tfjs model saying so instead of waiting or asking the host for
// a model, our run's tabs back when one of ours is shown, and Compare beside one of ours.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadComparison } from '../../src/extension/dashboard/compareRuns';
import { loadRunFromFolder } from '../../src/extension/dashboard/runHistory';
import type { DashboardView } from '../../src/protocol/dashboardMessages';
import { isViewMessage } from '../../src/protocol/viewPayloads';
import { saveViewSnapshot } from '../../src/runs/viewFiles';
import { writePytorchRunFolder } from '../helpers/pytorchRunFolder';
import { FIXTURE_RUNS, fixtureRunId, loadFixture } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';
import { inkPixels } from './harness/pixels';

const openWebview = useBrowser();
const work = mkdtempSync(join(tmpdir(), 'aelab-pt-webview-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const NEEDS_MODEL: [DashboardView, string][] = [
  ['reconstructions', 'Reconstructions'],
  ['latent', 'Latent space'],
  ['generate', 'Generate'],
  ['anomalies', 'Anomalies'],
  ['tryit', 'Try it'],
  ['evaluation', 'Evaluation'],
];

describe('a run trained by PyTorch in the dashboard', () => {
  it('shows its curves and loss parts; the tabs that need a tfjs model say why instead', async () => {
    const runDir = writePytorchRunFolder(work, { runId: 'vae-pt', kind: 'vae', epochs: 3, worldSize: 2 });
    const view = await openWebview();
    loadRunFromFolder(runDir, view.model);
    await view.settle();
    expect(await view.page.locator('.run-title').textContent()).toBe('vae-mnist · vae · completed · 3/3 epochs · trained by PyTorch');

    await view.showView('curves');
    expect(await inkPixels(view.page.locator('.loss-chart canvas'))).toBeGreaterThan(300);
    const legend = await view.page.locator('.components-chart .u-legend').textContent();
    for (const part of ['recon_loss', 'kl_loss', 'val_recon_loss', 'val_kl_loss']) expect(legend).toContain(part);
    expect(await view.page.locator('vscode-tab-panel[data-view="curves"] .trained-elsewhere').isHidden()).toBe(true);

    for (const [tab, title] of NEEDS_MODEL) {
      await view.showView(tab);
      const panel = view.page.locator(`vscode-tab-panel[data-view="${tab}"]`);
      expect(await panel.locator('.trained-elsewhere').textContent()).toBe(`This run was trained by PyTorch, outside Autoencoder Lab, and has no tfjs model: ${title} needs one. Its loss curves are in Curves and Compare.`);
      expect(await panel.locator('.view').isHidden(), tab).toBe(true);
    }
    // Series and Audio are offered only to runs with their data, which a PyTorch run never has.
    for (const tab of ['series', 'audio']) expect(await view.page.locator(`vscode-tab-header[data-view="${tab}"]`).isHidden()).toBe(true);
    // Nothing was asked of the host that needs the model (decoding, probing, evaluating).
    expect(view.posted.map((m) => m.type).filter((type) => ['DECODE', 'PROBE_FILE', 'PROBE_PIXELS', 'EVALUATE_RUN'].includes(type!))).toEqual([]);
    await view.screenshot('trained-elsewhere');

    // One of our runs shown next: the same tabs show their content again.
    await view.feed(loadFixture('deep-mnist').messages);
    await view.showView('reconstructions');
    const panel = view.page.locator('vscode-tab-panel[data-view="reconstructions"]');
    expect(await panel.locator('.trained-elsewhere').isHidden()).toBe(true);
    expect(await panel.locator('.view').isVisible()).toBe(true);
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('with the tfjs models its script wrote: Generate, Try it and Evaluation open; the per-epoch views say why not', async () => {
    const runDir = writePytorchRunFolder(work, { runId: 'deep-pt-models', kind: 'deep', epochs: 2, tfjsModels: true });
    const view = await openWebview();
    loadRunFromFolder(runDir, view.model);
    await view.settle();
    expect(view.model.data.run).toMatchObject({ tfjsModel: true, sampleShape: [28, 28, 1] });
    for (const tab of ['generate', 'tryit', 'evaluation'] as const) {
      await view.showView(tab);
      const panel = view.page.locator(`vscode-tab-panel[data-view="${tab}"]`);
      expect(await panel.locator('.trained-elsewhere').isHidden(), tab).toBe(true);
      expect(await panel.locator('.view').isVisible(), tab).toBe(true);
    }
    for (const [tab, title] of NEEDS_MODEL.filter(([tab]) => ['reconstructions', 'latent', 'anomalies'].includes(tab))) {
      await view.showView(tab);
      const panel = view.page.locator(`vscode-tab-panel[data-view="${tab}"]`);
      expect(await panel.locator('.trained-elsewhere').textContent()).toBe(
        `This run was trained by PyTorch, outside Autoencoder Lab: ${title} shows what Autoencoder Lab's trainer records each epoch, which Evaluate Run makes once for this run. Its tfjs model is in Generate, Try it and Evaluation; its loss curves are in Curves and Compare.`,
      );
      expect(await panel.locator('.view').isHidden(), tab).toBe(true);
    }
    await view.screenshot('trained-elsewhere-with-models');

    // Evaluated once (its first evaluation writes views/, as a training run's epochs do): opened again, those tabs draw.
    for (const message of loadFixture('deep-mnist').messages) if (isViewMessage(message)) saveViewSnapshot(runDir, message);
    loadRunFromFolder(runDir, view.model);
    await view.settle();
    for (const tab of ['reconstructions', 'latent', 'anomalies'] as const) {
      await view.showView(tab);
      const panel = view.page.locator(`vscode-tab-panel[data-view="${tab}"]`);
      expect(await panel.locator('.trained-elsewhere').isHidden(), tab).toBe(true);
      expect(await panel.locator('.view').isVisible(), tab).toBe(true);
    }
    expect(await inkPixels(view.page.locator('vscode-tab-panel[data-view="anomalies"] canvas').first())).toBeGreaterThan(100);
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('Compare puts its curve and final numbers beside one of our runs, its Kind naming the engine', async () => {
    const ours = join(FIXTURE_RUNS, fixtureRunId('deep-mnist'));
    const runDir = writePytorchRunFolder(work, { runId: 'deep-pt', kind: 'deep', epochs: 2 });
    const comparison = loadComparison([ours, runDir]);
    expect(comparison.runs.map((run) => [run.runId, run.trainedBy, run.metrics.length])).toEqual([
      [fixtureRunId('deep-mnist'), undefined, 2],
      ['deep-pt', 'PyTorch', 2],
    ]);
    const view = await openWebview({ theme: 'light' });
    await view.showView('compare');
    view.model.set({ comparison });
    await view.settle();
    const rows = view.page.locator('.final-metrics-table vscode-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    const kinds = await view.page.locator('.final-metrics-table vscode-table-row vscode-table-cell:nth-child(2)').allTextContents();
    expect(kinds).toEqual(['deep', 'deep (PyTorch)']);
    expect(await inkPixels(view.page.locator('.compare-chart canvas'))).toBeGreaterThan(300);
    expect(view.warnings).toEqual([]);
    await view.close();
  });
});
