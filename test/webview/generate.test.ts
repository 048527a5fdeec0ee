// Generate view on a recorded VAE run: prior samples, the 15x15 manifold, and decode round trips through the real
// host message handler for interpolation (two points picked in the latent view) and latent traversal.
import { describe, expect, it } from 'vitest';
import { fakeDecoder } from './harness/fakeDecoder';
import { lastMessage, loadFixture } from './harness/fixtures';
import { pointOfLabel } from './harness/latentPoints';
import { useBrowser } from './harness/lifecycle';
import { inkPixels } from './harness/pixels';

const openWebview = useBrowser();

describe('generate view', () => {
  it('shows prior samples, the manifold, and decodes a 10-frame interpolation between two picked points', async () => {
    const fixture = loadFixture('vae-mnist');
    const latent = lastMessage(fixture, 'latent');
    const generated = lastMessage(fixture, 'generated');
    const decoder = fakeDecoder(latent, lastMessage(fixture, 'validationSamples'));
    const view = await openWebview({ decode: decoder.decode });
    await view.feed(fixture.messages);

    await view.showView('generate');
    const prior = view.page.locator('.prior-grid canvas');
    await expect.poll(() => prior.count()).toBe(generated.prior.length);
    expect(await inkPixels(prior.first())).toBeGreaterThan(20);
    const manifold = view.page.locator('.manifold canvas');
    const [gridSize, [height, width]] = [generated.manifold!.gridSize, generated.sampleShape];
    expect(await manifold.evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([gridSize * width, gridSize * height]);
    expect(await inkPixels(manifold)).toBeGreaterThan(1000);

    await view.showView('latent');
    for (const label of [0, 1]) {
      const point = await pointOfLabel(view.page, label);
      await view.page.mouse.click(point.x, point.y);
    }
    await view.page.locator('.picks-bar vscode-button').first().click();
    await view.settle();
    expect(await view.page.evaluate(() => document.body.dataset.activeView)).toBe('generate');
    const frames = view.page.locator('.interpolation-strip .decoded-frame canvas');
    await expect.poll(() => frames.count()).toBe(10);
    for (let i = 0; i < 10; i++) expect(await inkPixels(frames.nth(i))).toBeGreaterThan(20);
    const request = view.posted.find((m) => m.type === 'DECODE') as { count: number; codes: number[] };
    expect(request.count).toBe(10);
    expect(request.codes.length).toBe(10 * latent.latentDim);

    await view.page.locator('.traversal-strip').locator('..').locator('vscode-button').click();
    const steps = view.page.locator('.traversal-strip .decoded-frame canvas');
    await expect.poll(() => steps.count()).toBe(10);
    expect(await view.page.locator('.traversal-strip figcaption').allTextContents()).toEqual(['-3.00', '-2.33', '-1.67', '-1.00', '-0.33', '0.33', '1.00', '1.67', '2.33', '3.00']);
    await view.screenshot('generate');
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('says so when no decoder can be reached', async () => {
    const view = await openWebview({ theme: 'light' });
    await view.feed(loadFixture('vae-mnist').messages);
    await view.showView('generate');
    await expect.poll(() => view.page.locator('.interpolation-strip .decoded-status').textContent()).toBe('No decoder is available for this run.');
    await view.screenshot('generate-light');
    await view.close();
  });
});
