// Latent view: every validation code drawn and coloured by label, a complete legend, hover thumbnails, picking,
// zoom and hiding labels.
import { describe, expect, it } from 'vitest';
import { lastMessage, loadFixture } from './harness/fixtures';
import { pointOfLabel } from './harness/latentPoints';
import { useBrowser } from './harness/lifecycle';
import { inkPixels } from './harness/pixels';

const openWebview = useBrowser();

describe('latent view', () => {
  it('draws every code with a legend, shows a thumbnail on hover and picks two points', async () => {
    const view = await openWebview();
    const fixture = loadFixture('deep-mnist');
    const latent = lastMessage(fixture, 'latent');
    const samples = lastMessage(fixture, 'validationSamples');
    await view.feed(fixture.messages);
    await view.showView('latent');
    const points = view.page.locator('canvas.latent-points');
    await expect.poll(() => points.getAttribute('data-drawn')).toBe(String(latent.count));
    expect(await inkPixels(points)).toBeGreaterThan(latent.count);

    const present = [...new Set(samples.labels!)].sort((a, b) => a - b);
    const legend = view.page.locator('.latent-legend .legend-item');
    expect(await legend.locator('.legend-name').allTextContents()).toEqual(present.map((l) => samples.labelNames![l]));
    const counts = (await legend.locator('.legend-count').allTextContents()).map(Number);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(latent.count);

    const target = await pointOfLabel(view.page, present[0]);
    await view.page.mouse.move(target.x, target.y);
    const tooltip = view.page.locator('.latent-tooltip');
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.locator('.tooltip-label').textContent()).toBe(samples.labelNames![present[0]]);
    expect(await inkPixels(tooltip.locator('canvas'))).toBeGreaterThan(30);
    await view.screenshot('latent');

    await view.page.mouse.click(target.x, target.y);
    const second = await pointOfLabel(view.page, present[1]);
    await view.page.mouse.click(second.x, second.y);
    await expect.poll(() => view.page.locator('.picks-label').textContent()).toMatch(/^A: #\d+ \(\d\) · B: #\d+ \(\d\)$/);
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('zooms with the wheel and hides a label from the legend', async () => {
    const view = await openWebview({ theme: 'light' });
    const fixture = loadFixture('deep-mnist');
    await view.feed(fixture.messages);
    await view.showView('latent');
    const points = view.page.locator('canvas.latent-points');
    const before = await points.evaluate((c: HTMLCanvasElement) => c.toDataURL());
    const box = (await points.boundingBox())!;
    await view.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await view.page.mouse.wheel(0, -400);
    await view.settle();
    expect(await points.evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(before);

    const drawn = Number(await points.getAttribute('data-drawn'));
    const first = view.page.locator('.latent-legend .legend-item').first();
    const hidden = Number(await first.locator('.legend-count').textContent());
    await first.click();
    await expect.poll(async () => Number(await points.getAttribute('data-drawn'))).toBe(drawn - hidden);
    await view.screenshot('latent-light');
    await view.close();
  });
});
