// Anomalies view on a recorded run: histogram, draggable threshold (starting at the run's own when the errors carry
// it), top-k list and the CSV export round trip.
import { describe, expect, it } from 'vitest';
import { percentile } from '../../src/protocol/percentile';
import type { TrainerToHost } from '../../src/protocol/trainerMessages';
import { formatLoss } from '../../webview/src/shared/format';
import { countAbove, defaultThreshold } from '../../webview/src/anomalies/errorStats';
import { lastMessage, loadFixture } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';
import { inkPixels } from './harness/pixels';

const openWebview = useBrowser();

describe('anomalies view', () => {
  it('moves the threshold by dragging, lists the worst samples and exports the flagged ones', async () => {
    const view = await openWebview({ savePath: '/chosen/by/user/flagged.csv' });
    const fixture = loadFixture('deep-mnist');
    const errors = lastMessage(fixture, 'errors');
    await view.feed(fixture.messages);
    await view.showView('anomalies');
    const histogram = view.page.locator('canvas.error-histogram');
    expect(await inkPixels(histogram)).toBeGreaterThan(500);
    const count = view.page.locator('.anomaly-count');
    const flagged = async () => Number(await count.getAttribute('data-count'));
    await expect.poll(() => count.textContent()).toMatch(new RegExp(`^\\d+ of ${errors.validation.length} validation samples above`));
    const initial = await flagged();

    const box = (await histogram.boundingBox())!;
    await view.page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2);
    await view.page.mouse.down();
    await view.page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 8 });
    await view.page.mouse.up();
    await view.settle();
    const dragged = await flagged();
    expect(dragged).toBeGreaterThan(initial);
    expect(dragged).toBeLessThan(errors.validation.length);

    const cards = view.page.locator('.worst-card');
    expect(await cards.count()).toBe(12);
    expect(await cards.first().locator('.worst-name').textContent()).toMatch(/^1\. \S+/);
    expect(await inkPixels(cards.first().locator('canvas'))).toBeGreaterThan(20);
    await view.screenshot('anomalies');

    await view.page.locator('vscode-button', { hasText: 'Export flagged CSV' }).click();
    await expect.poll(() => view.writes.length).toBe(1);
    const [write] = view.writes;
    expect(write.path).toBe('/chosen/by/user/flagged.csv');
    const lines = write.content.trim().split('\n');
    expect(lines[0]).toBe('index,source,label,error');
    expect(lines).toHaveLength(dragged + 1);
    await expect.poll(() => view.page.locator('.notice').textContent()).toBe(`Exported ${dragged} flagged samples to /chosen/by/user/flagged.csv`);
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('uses a percentile of the train errors when asked, and writes nothing when the dialog is cancelled', async () => {
    const view = await openWebview({ theme: 'light' });
    await view.feed(loadFixture('deep-mnist').messages);
    await view.showView('anomalies');
    const count = view.page.locator('.anomaly-count');
    const change = (selector: string, value: string) =>
      view.page.evaluate(([selector, value]) => {
        const control = document.querySelector(selector) as HTMLElement & { value: string };
        control.value = value;
        control.dispatchEvent(new Event('change'));
      }, [selector, value]);
    await change('vscode-single-select.threshold-mode', 'percentile');
    await change('vscode-textfield.threshold-percentile', '50');
    await view.settle();
    expect(await view.page.locator('.threshold-percentile').isVisible()).toBe(true);
    // The median of the train errors flags roughly half of the (similar) validation samples.
    const total = lastMessage(loadFixture('deep-mnist'), 'errors').validation.length;
    const flagged = Number(await count.getAttribute('data-count'));
    expect(flagged).toBeGreaterThan(total * 0.3);
    expect(flagged).toBeLessThan(total * 0.7);
    await view.page.locator('vscode-button', { hasText: 'Export flagged CSV' }).click();
    await expect.poll(() => view.page.locator('.notice').textContent()).toBe('Export cancelled.');
    expect(view.writes).toEqual([]);
    await view.screenshot('anomalies-light');
    await view.close();
  });

  it("starts at the run's threshold the errors message carries, labelled, and can still be dragged or changed", async () => {
    // The recorded run predates the threshold in the errors message: give each one the rule's value, as the trainer now does.
    const messages: TrainerToHost[] = loadFixture('deep-mnist').messages.map((m) =>
      m.type === 'errors' ? { ...m, threshold: { method: 'percentile', percentile: 90, value: percentile(m.train, 90) } } : m,
    );
    const errors = messages.filter((m) => m.type === 'errors').at(-1)!;
    const runValue = errors.threshold!.value;
    const runCount = countAbove(errors.validation, runValue);
    const stdCount = countAbove(errors.validation, defaultThreshold(errors.train, { k: 3, percentile: 99, usePercentile: false }));
    expect(runCount).not.toBe(stdCount); // else the test could not tell the run's threshold from the old default

    const view = await openWebview();
    await view.feed(messages);
    await view.showView('anomalies');
    const count = view.page.locator('.anomaly-count');
    const flagged = async () => Number(await count.getAttribute('data-count'));
    await expect.poll(flagged).toBe(runCount);
    expect(await count.textContent()).toContain(`above ${formatLoss(runValue)} `);
    const mode = view.page.locator('vscode-single-select.threshold-mode');
    expect(await mode.evaluate((select) => (select as HTMLElement & { value: string }).value)).toBe('run');
    expect(await mode.locator('vscode-option[value="run"]').textContent()).toBe('run threshold: 90th percentile of training errors');

    const box = (await view.page.locator('canvas.error-histogram').boundingBox())!;
    await view.page.mouse.click(box.x + box.width * 0.95, box.y + box.height / 2);
    await view.settle();
    expect(await flagged()).not.toBe(runCount);

    const choose = (value: string) =>
      mode.evaluate((select, value) => {
        (select as HTMLElement & { value: string }).value = value;
        select.dispatchEvent(new Event('change'));
      }, value);
    await choose('std');
    await view.settle();
    expect(await flagged()).toBe(stdCount);
    await choose('run');
    await view.settle();
    expect(await flagged()).toBe(runCount);
    expect(view.warnings).toEqual([]);
    await view.close();
  });
});
