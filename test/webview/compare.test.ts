// Compare view against recorded run folders: the host lists runs, the user checks two, and the view overlays their
// validation loss and lists final metrics, their evaluation headline numbers and exactly the experiment keys that differ.
import { describe, expect, it } from 'vitest';
import { listRuns } from '../../src/extension/dashboard/runsFolder';
import { FIXTURE_RUNS, fixtureRunId } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';
import { inkPixels } from './harness/pixels';

const openWebview = useBrowser();

describe('compare view', () => {
  it('overlays the chosen runs and tables the settings that differ', async () => {
    const runs = await listRuns(FIXTURE_RUNS);
    // Two runs of the same experiment name with other model and training settings.
    const deepRuns = [fixtureRunId('deep-mnist'), fixtureRunId('deep-mnist-small')].map((id) => runs.find((run) => run.runId === id)!);
    expect(deepRuns.map((run) => run.name)).toEqual(['deep-mnist', 'deep-mnist']);
    const view = await openWebview();
    await view.showView('compare');
    const boxes = view.page.locator('vscode-checkbox.run-checkbox');
    await expect.poll(() => boxes.count()).toBe(runs.length);
    expect(view.posted.map((m) => m.type)).toContain('LIST_RUNS');

    for (const run of deepRuns) await view.page.locator(`vscode-checkbox[data-run-id="${run.runId}"]`).click();
    await view.settle();
    const compareRequest = view.posted.filter((m) => m.type === 'COMPARE_RUNS').at(-1) as { runIds: string[] };
    expect(compareRequest.runIds.sort()).toEqual(deepRuns.map((r) => r.runId).sort());

    const rows = view.page.locator('.final-metrics-table vscode-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    const keys = await view.page.locator('.config-diff-table vscode-table-row vscode-table-cell:first-child').allTextContents();
    expect(keys).toEqual(expect.arrayContaining(['model.hidden', 'model.latentDim', 'training.learningRate']));
    expect(keys).not.toContain('kind');
    expect(keys).not.toContain('data.source');
    expect(keys).not.toContain('training.epochs');
    expect(await inkPixels(view.page.locator('.compare-chart canvas'))).toBeGreaterThan(300);

    // Both runs have an evaluation.json (one-class digit 0, features): its columns, each best value marked.
    const headers = await view.page.locator('.evaluation-table vscode-table-header-cell').allTextContents();
    expect(headers).toEqual(['Run', 'PSNR', 'SSIM', 'MSE', 'AUROC', 'AUPRC', 'kNN acc.', 'Probe acc.', 'NMI']);
    const rowOf = (runId: string) => view.page.locator('.evaluation-table vscode-table-row', { has: view.page.locator(`vscode-table-cell[title="${runId}"]`) });
    const [large, small] = deepRuns.map((run) => rowOf(run.runId));
    const cell = async (row: typeof large, column: string) => [
      await row.locator(`vscode-table-cell[data-column="${column}"] .evaluation-value`).textContent(),
      await row.locator(`vscode-table-cell[data-column="${column}"] .evaluation-baseline`).textContent(),
    ];
    expect(await cell(large, 'auroc')).toEqual(['0.991', 'PCA 0.950']);
    expect(await cell(small, 'psnr')).toEqual(['15.2 dB', 'PCA 14.3 dB']);
    expect(await cell(small, 'nmi')).toEqual(['0.631', 'raw 0.498']);
    const bestColumns = (row: typeof large) => row.locator('vscode-table-cell.best-value').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-column')));
    // The larger code wins everything but k-means NMI.
    expect(await bestColumns(large)).toEqual(['psnr', 'ssim', 'mse', 'auroc', 'auprc', 'knnAccuracy', 'probeAccuracy']);
    expect(await bestColumns(small)).toEqual(['nmi']);
    await view.screenshot('compare');
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('rejects a run id that escapes the runs folder', async () => {
    const view = await openWebview({ theme: 'light' });
    await view.page.evaluate(() => (window as unknown as { __aelabPost: (m: unknown) => Promise<void> }).__aelabPost({ type: 'COMPARE_RUNS', runIds: ['../../etc'] }));
    expect(view.warnings.some((w) => w.startsWith('rejected run id'))).toBe(true);
    expect(view.model.data.comparison).toBeNull();
    await view.close();
  });
});
