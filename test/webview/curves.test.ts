// Curves view, fed with a recorded deep (and VAE) run: live batch progress, both losses, components, log scale, EMA.
import { describe, expect, it } from 'vitest';
import { loadFixture, messagesUntil } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';
import { inkPixels } from './harness/pixels';

const openWebview = useBrowser();

describe('curves view', () => {
  it('shows live batch progress, then train/val loss with log scale and smoothing', async () => {
    const view = await openWebview();
    const deep = loadFixture('deep-mnist');
    await view.feed(messagesUntil(deep, 'batch', 5));
    await expect.poll(() => view.page.locator('.progress-label').textContent()).toMatch(/^Epoch 1\/2 · batch 5\/\d+/);
    expect(await view.page.locator('.batch-progress').evaluate((bar: HTMLElement & { value?: number }) => bar.value)).toBe(5);

    await view.feed(deep.messages);
    const lossCanvas = view.page.locator('.loss-chart canvas');
    expect(await inkPixels(lossCanvas)).toBeGreaterThan(500);
    expect(await view.page.locator('.loss-chart .u-legend').textContent()).toContain('val_loss');
    await expect.poll(() => view.page.locator('.progress-stats').textContent()).toMatch(/last epoch [\d.]+ s · [\d,]+ samples\/s/);

    await view.page.locator('vscode-checkbox.log-scale').click();
    await view.settle();
    expect(await inkPixels(view.page.locator('.loss-chart canvas'))).toBeGreaterThan(500);
    expect(await view.page.evaluate(() => (window as unknown as { __aelab: { states: { prefs: { logScale: boolean } }[] } }).__aelab.states.at(-1)?.prefs.logScale)).toBe(true);

    await view.page.locator('.smoothing-slider').fill('0.6');
    await view.settle();
    expect(await view.page.locator('.smoothing-value').textContent()).toBe('0.60');
    await view.screenshot('curves');
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('plots every loss component of a VAE run', async () => {
    const view = await openWebview({ theme: 'light' });
    await view.feed(loadFixture('vae-mnist').messages);
    const legend = await view.page.locator('.components-chart .u-legend').textContent();
    expect(legend).toContain('kl_loss');
    expect(legend).toContain('val_recon_loss');
    expect(await inkPixels(view.page.locator('.components-chart canvas'))).toBeGreaterThan(300);
    await view.screenshot('curves-light');
    expect(await view.cspViolations()).toEqual([]);
    await view.close();
  });

  it('plots the learning rate and the KL weight in charts of their own when they change (training aids)', async () => {
    const view = await openWebview();
    const vae = loadFixture('vae-mnist').messages;
    await view.feed(vae);
    // A constant rate and KL weight (as a run without schedules logs them) get no chart.
    expect(await view.page.locator('.lr-chart').isVisible()).toBe(false);
    const scheduled = vae.map((m) => (m.type === 'epoch' ? { ...m, metrics: { ...m.metrics, lr: 0.001 / m.metrics.epoch, beta: Math.min(1, (m.metrics.epoch - 1) / 2) } } : m));
    await view.feed(scheduled);
    await expect.poll(() => view.page.locator('.lr-chart .u-legend').textContent()).toContain('lr');
    expect(await view.page.locator('.beta-chart .u-legend').textContent()).toContain('beta');
    expect(await inkPixels(view.page.locator('.lr-chart canvas'))).toBeGreaterThan(100);
    // They are not loss components.
    expect(await view.page.locator('.components-chart .u-legend').textContent()).not.toContain('lr');
    expect(await view.cspViolations()).toEqual([]);
    await view.close();
  });
});
