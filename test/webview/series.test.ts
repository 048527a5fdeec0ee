// Series view on a recorded series run (scripts/record-webview-fixture.mjs series-weather, a real timeseries run of
// dist/trainer.js: Seattle weather with an injected heat anomaly): each column with its reconstruction, the point
// error with the threshold, the flagged spans shaded on every chart, the validation tail marked, drag to zoom, pan,
// and reset. The tab is offered only to series runs.
import { describe, expect, it } from 'vitest';
import type { PersistedWebviewState } from '../../src/protocol/dashboardMessages';
import { formatLoss } from '../../webview/src/shared/format';
import { lastMessage, loadFixture } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';
import { inkPixels } from './harness/pixels';
import type { OpenWebview } from './harness/openWebview';

const openWebview = useBrowser();

const visible = async (view: OpenWebview) => ({
  count: Number(await view.page.locator('.series-view').getAttribute('data-visible-points')),
  first: Number(await view.page.locator('.series-view').getAttribute('data-first-point')),
});
const shadedSpans = (view: OpenWebview) => view.page.locator('.series-view .line-chart').evaluateAll((charts) => charts.map((chart) => Number((chart as HTMLElement).dataset.spans)));

describe('series view', () => {
  it('shows each column with its reconstruction, the point error and threshold, shaded spans, and zooms', async () => {
    const view = await openWebview();
    const fixture = loadFixture('series-weather');
    const series = lastMessage(fixture, 'series');
    expect(series.spans.length).toBeGreaterThan(1);
    await view.feed(fixture.messages);
    await view.showView('series');

    // One chart per column, the series and the reconstruction drawn over it.
    const columnCharts = view.page.locator('.series-column-chart');
    expect(await columnCharts.count()).toBe(series.columns.length);
    for (let c = 0; c < series.columns.length; c++) {
      const legend = await columnCharts.nth(c).locator('.u-legend').textContent();
      expect(legend).toContain(series.columns[c]);
      expect(legend).toContain('reconstruction');
      expect(await inkPixels(columnCharts.nth(c).locator('canvas'))).toBeGreaterThan(1000);
    }
    const titles = await view.page.locator('.series-columns .section-title').allTextContents();
    expect(titles).toEqual(series.columns);

    // The error chart with the run's threshold line.
    const errorChart = view.page.locator('.series-error-chart');
    expect(await errorChart.locator('.u-legend').textContent()).toContain('threshold');
    expect(await inkPixels(errorChart.locator('canvas'))).toBeGreaterThan(1000);
    const summary = await view.page.locator('.series-summary').textContent();
    expect(summary).toContain(`threshold ${formatLoss(series.threshold!)}`);
    expect(summary).toContain(`${series.spans.length} flagged spans`);
    expect(summary).toContain(`${series.times.length} points`);

    // Every flagged span shaded on every chart; the validation tail marked; dates on a time axis.
    expect(await shadedSpans(view)).toEqual(Array(series.columns.length + 1).fill(series.spans.length));
    expect(await view.page.locator('.series-view').getAttribute('data-time-axis')).toBe('true');
    expect(await errorChart.getAttribute('data-validation-marked')).toBe('true');
    expect(await visible(view)).toEqual({ count: series.times.length, first: 0 });
    expect(await view.page.locator('.series-range').textContent()).toBe(`${series.times[0]} – ${series.times.at(-1)} (${series.times.length} of ${series.times.length} points)`);
    await view.screenshot('series');

    // Drag across the first fifth of the first chart: every chart shows that range only.
    const over = columnCharts.first().locator('.u-over');
    const box = (await over.boundingBox())!;
    await view.page.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2);
    await view.page.mouse.down();
    await view.page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2, { steps: 6 });
    await view.page.mouse.up();
    await view.settle();
    const zoomed = await visible(view);
    expect(zoomed.count).toBeGreaterThan(series.times.length * 0.1);
    expect(zoomed.count).toBeLessThan(series.times.length * 0.3);
    expect(zoomed.first).toBeGreaterThan(0);
    // The zoomed range holds the spans of the training part only: fewer are shaded, the same number on every chart,
    // and the validation mark is out of view.
    const inRange = series.spans.filter((span) => span.end >= zoomed.first && span.start < zoomed.first + zoomed.count).length;
    expect(await shadedSpans(view)).toEqual(Array(series.columns.length + 1).fill(inRange));
    expect(inRange).toBeLessThan(series.spans.length);
    expect(await errorChart.getAttribute('data-validation-marked')).toBe('false');
    await view.screenshot('series-zoomed');
    expect(await view.page.locator('.series-range').textContent()).toBe(`${series.times[zoomed.first]} – ${series.times[zoomed.first + zoomed.count - 1]} (${zoomed.count} of ${series.times.length} points)`);

    // Pan later with the arrow, then back with the wheel: the width stays, the start moves.
    await view.page.locator('vscode-button.series-pan-forward').click();
    await view.settle();
    const later = await visible(view);
    expect(later.first).toBeGreaterThan(zoomed.first);
    expect(Math.abs(later.count - zoomed.count)).toBeLessThanOrEqual(1);
    await view.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await view.page.mouse.wheel(0, -100);
    await view.settle();
    expect((await visible(view)).first).toBeLessThan(later.first);

    // Reset restores the whole series.
    await view.page.locator('vscode-button.series-reset').click();
    await view.settle();
    expect(await visible(view)).toEqual({ count: series.times.length, first: 0 });
    expect(await shadedSpans(view)).toEqual(Array(series.columns.length + 1).fill(series.spans.length));
    expect(await errorChart.getAttribute('data-validation-marked')).toBe('true');
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('is offered only to series runs, and says what is missing when it has no series', async () => {
    const initialState: PersistedWebviewState = { view: 'series', run: null, metrics: [], prefs: {} };
    const view = await openWebview({ theme: 'light', initialState });
    const header = view.page.locator('vscode-tab-header[data-view="series"]');
    await view.feed(loadFixture('deep-mnist').messages);
    expect(await header.isVisible()).toBe(false);
    expect(await view.page.locator('vscode-tab-header[data-view="anomalies"]').isVisible()).toBe(true);
    const empty = view.page.locator('.series-view .empty-note');
    await expect.poll(() => empty.textContent()).toContain('This run\'s data is not a time series');
    expect(await view.page.locator('.series-body').isVisible()).toBe(false);

    // A series payload makes the tab appear; a column name is text, never markup.
    const series = lastMessage(loadFixture('series-weather'), 'series');
    await view.feed([{ ...series, columns: ['<img src=x onerror=alert(1)>', ...series.columns.slice(1)] }]);
    expect(await header.isVisible()).toBe(true);
    await view.showView('series');
    expect(await view.page.locator('.series-columns .section-title').first().textContent()).toBe('<img src=x onerror=alert(1)>');
    expect(await view.page.locator('.series-view img').count()).toBe(0);
    expect(await inkPixels(view.page.locator('.series-error-chart canvas'))).toBeGreaterThan(1000);
    await view.screenshot('series-light');

    // Times that are not dates (row numbers) give an index axis labelled with their text.
    const rows = series.times.map((_, i) => `row ${i + 2}`);
    await view.feed([{ ...series, times: rows }]);
    expect(await view.page.locator('.series-view').getAttribute('data-time-axis')).toBe('false');
    expect(await view.page.locator('.series-range').textContent()).toBe(`row 2 – row ${rows.length + 1} (${rows.length} of ${rows.length} points)`);
    expect(await inkPixels(view.page.locator('.series-column-chart canvas').first())).toBeGreaterThan(1000);
    expect(await view.cspViolations()).toEqual([]);
    await view.close();
  });
});
