// Experiments tab against a hand-written `experiments` payload of seven runs, four of them a 2×2 grid sweep: rows and
// the sweep group render, sorting by a metric, filtering, the column picker, Compare and Export messages, and the
// parallel-coordinates canvas (drawn, the best run's line where the metric axis puts it, hover linked to the table).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExperimentRow, Experiments } from '../../src/protocol/dashboardMessages';
import { FIXTURES } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';
import { SCREENSHOTS, type OpenWebview } from './harness/openWebview';
import { inkPixels } from './harness/pixels';

const openWebview = useBrowser();
const experiments = JSON.parse(readFileSync(join(FIXTURES, 'experiments.json'), 'utf8')) as Experiments;
const sweep = experiments.sweeps[0];
const best = (row: ExperimentRow) => row.metrics.best_val_loss;

/** What the table should show for a sort: nulls last, each sweep's runs under its header at its first run's place. */
function expectedOrder(descending: boolean): string[] {
  const measured = experiments.rows.filter((row) => best(row) !== null).sort((a, b) => (descending ? -1 : 1) * (best(a)! - best(b)!));
  const sorted = [...measured, ...experiments.rows.filter((row) => best(row) === null)];
  const order: string[] = [];
  for (const row of sorted) {
    if (row.sweepId && order.includes(`sweep:${row.sweepId}`)) continue;
    if (row.sweepId) order.push(`sweep:${row.sweepId}`, ...sorted.filter((r) => r.sweepId === row.sweepId).map((r) => r.runId));
    else order.push(row.runId);
  }
  return order;
}

async function tableOrder(view: OpenWebview): Promise<string[]> {
  return view.page.locator('.experiments-table tbody tr').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.runId ?? `sweep:${(row as HTMLElement).dataset.sweepId}`));
}

async function openTable(options: Parameters<typeof openWebview>[0] = {}): Promise<OpenWebview> {
  const view = await openWebview({ experiments, savePath: '/exports/experiments.csv', height: 1300, ...options });
  await view.showView('experiments');
  await expect.poll(() => view.page.locator('tr.experiment-row').count()).toBe(experiments.rows.length);
  return view;
}

describe('experiments table', () => {
  it('groups the sweep, sorts, filters, adds a column, and posts Export and Compare', async () => {
    const view = await openTable();
    expect(view.posted.map((m) => m.type)).toContain('LIST_EXPERIMENTS');
    // One sweep header with its four runs indented below it; the damaged sweep.json the host reported is shown.
    expect(await view.page.locator('tr.sweep-row').count()).toBe(1);
    expect(await view.page.locator('tr.experiment-row.in-sweep').count()).toBe(sweep.runIds.length);
    expect(await view.page.locator('.experiments-problem').allTextContents()).toEqual(experiments.problems);
    // Default columns: name, kind, status, the swept keys, best val_loss and the evaluation headline some run has.
    const headers = () => view.page.locator('.experiments-table thead th.sortable').evaluateAll((cells) => cells.map((cell) => (cell as HTMLElement).dataset.column));
    expect(await headers()).toEqual(['name', 'kind', 'status', 'p:model.latentDim', 'p:training.learningRate', 'm:best_val_loss', 'm:eval.psnr']);

    const sortHeader = view.page.locator('th[data-column="m:best_val_loss"]');
    await sortHeader.click();
    await view.settle();
    expect(await tableOrder(view)).toEqual(expectedOrder(false));
    await sortHeader.click();
    await view.settle();
    expect(await tableOrder(view)).toEqual(expectedOrder(true));

    // Collapsing the sweep hides its runs, not its header.
    await view.page.locator('.sweep-toggle').click();
    await view.settle();
    expect(await view.page.locator('tr.experiment-row.in-sweep').count()).toBe(0);
    await view.page.locator('.sweep-toggle').click();
    await view.settle();

    const filter = view.page.locator('.experiments-filter');
    await filter.fill('best_val_loss<0.2');
    await view.settle();
    const under = experiments.rows.filter((row) => best(row) !== null && best(row)! < 0.2).map((row) => row.runId);
    expect((await view.page.locator('tr.experiment-row').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.runId))).sort()).toEqual(under.sort());
    await filter.fill('stopped');
    await view.settle();
    expect(await view.page.locator('tr.experiment-row').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.runId))).toEqual(['vae-mnist-20261129-091500']);

    // Column picker: model.hidden becomes a column.
    await filter.fill('deep');
    await view.settle();
    await view.page.locator('.column-picker summary').click();
    await view.page.locator('.column-picker input[data-column="p:model.hidden"]').check();
    await view.settle();
    expect(await headers()).toContain('p:model.hidden');
    await view.page.locator('.column-picker summary').click();
    expect(await view.page.locator('td[data-column="p:model.hidden"]').first().textContent()).toMatch(/^\[/);

    // Export: the shown columns of the shown rows ("deep" matches the deep runs, not the VAE), in the table's order.
    await view.page.locator('vscode-button.export-csv').click();
    await view.settle();
    const exported = view.posted.filter((m) => m.type === 'EXPORT_EXPERIMENTS').at(-1) as { runIds: string[]; columns: string[] };
    expect(exported.columns).toEqual([...(await headers())]);
    expect(exported.runIds).toEqual((await tableOrder(view)).filter((id) => !id.startsWith('sweep:')));
    expect(exported.runIds).not.toContain('vae-mnist-20261129-091500');
    expect(view.writes).toHaveLength(1);
    expect(view.writes[0].path).toBe('/exports/experiments.csv');
    const lines = view.writes[0].content.trim().split('\n');
    expect(lines[0]).toBe('Name,Kind,Status,model.latentDim,training.learningRate,best_val_loss,eval.psnr,model.hidden');
    expect(lines).toHaveLength(exported.runIds.length + 1);
    await filter.fill('');
    await view.settle();
    await view.screenshot('experiments');
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);

    // Two runs checked, Compare: the Compare tab with exactly their ids.
    const picked = [sweep.runIds[0], 'deep-mnist-20261129-090000'];
    for (const id of picked) await view.page.locator(`tr[data-run-id="${id}"] input.row-select`).check();
    await view.settle();
    await view.page.locator('vscode-button.compare-selected').click();
    await view.settle();
    const compare = view.posted.filter((m) => m.type === 'COMPARE_RUNS').at(-1) as { runIds: string[] };
    expect(compare.runIds.sort()).toEqual(picked.sort());
    expect(await view.page.evaluate(() => document.body.dataset.activeView)).toBe('compare');
    await view.close();
  });

  it('draws parallel coordinates with the best run on top at its metric value, and hovering a line marks its row', async () => {
    const view = await openTable();
    const canvas = view.page.locator('.parallel-canvas');
    await canvas.scrollIntoViewIfNeeded();
    await view.settle();
    expect(await inkPixels(canvas)).toBeGreaterThan(1500);
    const geometry = await canvas.evaluate((element) => ({ ...(element as HTMLCanvasElement).dataset }));
    const [top, bottom, metricX] = [Number(geometry.plotTop), Number(geometry.plotBottom), Number(geometry.metricX)];
    // The metric axis is min–max scaled over the runs that have the metric, low at the bottom.
    const measured = experiments.rows.filter((row) => best(row) !== null);
    const values = measured.map((row) => best(row)!);
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    const yOf = (value: number) => bottom - ((value - lo) / (hi - lo)) * (bottom - top);
    const bestRun = measured.reduce((a, b) => (best(b)! < best(a)! ? b : a));
    expect(geometry.bestRunId).toBe(bestRun.runId);
    // Just left of the metric axis, the best run's thick line is drawn in the foreground colour (#cccccc), on top.
    const foregroundNear = (y: number) =>
      canvas.evaluate(
        (element, { x, y }) => {
          const c = element as HTMLCanvasElement;
          const { data, width } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
          for (let dy = -2; dy <= 2; dy++)
            for (let dx = -3; dx <= -1; dx++) {
              const i = (Math.round(y + dy) * width + Math.round(x + dx)) * 4;
              if (Math.abs(data[i] - 204) < 20 && Math.abs(data[i + 1] - 204) < 20 && Math.abs(data[i + 2] - 204) < 20) return true;
            }
          return false;
        },
        { x: metricX, y },
      );
    expect(await foregroundNear(yOf(best(bestRun)!))).toBe(true);
    const worst = measured.reduce((a, b) => (best(b)! > best(a)! ? b : a));
    expect(await foregroundNear(yOf(best(worst)!))).toBe(false);

    // Hovering a middle run's line where it meets the metric axis marks its table row.
    const middle = measured.find((row) => row.runId === 'deep-mnist-20261129-090000')!;
    await canvas.hover({ position: { x: metricX - 2, y: yOf(best(middle)!) } });
    await view.settle();
    expect(await canvas.getAttribute('data-hovered-run-id')).toBe(middle.runId);
    expect(await view.page.locator('tr.experiment-row.hovered').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.runId))).toEqual([middle.runId]);
    await canvas.screenshot({ path: join(SCREENSHOTS, 'experiments-parallel.png') });

    // Importance for the chosen metric, as the host sent it.
    const keys = await view.page.locator('.importance-table tbody tr').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.key));
    expect(keys).toEqual(experiments.importance[0].parameters.map((p) => p.key));
    // A metric without an estimate says why.
    await view.page.locator('.metric-select').selectOption('final.val_loss');
    await view.settle();
    expect(await view.page.locator('.importance-slot').textContent()).toContain('needs at least 4');
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('renders in the light theme', async () => {
    const view = await openTable({ theme: 'light' });
    await view.page.locator('.parallel-canvas').scrollIntoViewIfNeeded();
    await view.settle();
    expect(await inkPixels(view.page.locator('.parallel-canvas'))).toBeGreaterThan(500);
    await view.screenshot('experiments-light');
    expect(await view.cspViolations()).toEqual([]);
    await view.close();
  });
});
