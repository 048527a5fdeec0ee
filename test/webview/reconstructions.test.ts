// Reconstructions view: input / noisy / output image rows from recorded runs, and line plots for tabular data.
import { describe, expect, it } from 'vitest';
import { lastMessage, loadFixture } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';
import { inkPixels } from './harness/pixels';

const openWebview = useBrowser();

describe('reconstructions view', () => {
  it('shows input, noisy input and output rows for a denoising run', async () => {
    const view = await openWebview();
    const fixture = loadFixture('denoising-mnist');
    await view.feed(fixture.messages);
    await view.showView('reconstructions');
    const count = lastMessage(fixture, 'reconstructions').inputs.length;
    for (const row of ['input', 'noisy', 'output']) {
      const images = view.page.locator(`.recon-${row} canvas`);
      await expect.poll(() => images.count()).toBe(count);
      expect(await inkPixels(images.first())).toBeGreaterThan(40);
    }
    expect(await view.page.locator('.reconstructions-view .section-title').textContent()).toMatch(/after epoch \d+/);
    await view.screenshot('reconstructions');
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('refreshes the grid when a new epoch arrives', async () => {
    const view = await openWebview();
    const fixture = loadFixture('deep-mnist');
    await view.feed(fixture.messages);
    await view.showView('reconstructions');
    const before = await view.page.locator('.recon-output canvas').first().evaluate((c: HTMLCanvasElement) => c.toDataURL());
    const last = lastMessage(fixture, 'reconstructions');
    await view.feed([{ ...last, epoch: last.epoch + 1, outputs: last.outputs.map((o) => o.map((v) => 1 - v)) }]);
    expect(await view.page.locator('.reconstructions-view .section-title').textContent()).toContain(`epoch ${last.epoch + 1}`);
    expect(await view.page.locator('.recon-output canvas').first().evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(before);
    await view.close();
  });

  it('draws input vs output line plots for tabular data', async () => {
    const view = await openWebview({ theme: 'light' });
    const fixture = loadFixture('table-signals');
    await view.feed(fixture.messages);
    await view.showView('reconstructions');
    const plots = view.page.locator('.recon-table canvas.feature-plot');
    await expect.poll(() => plots.count()).toBe(lastMessage(fixture, 'reconstructions').inputs.length);
    expect(await inkPixels(plots.first())).toBeGreaterThan(100);
    expect(await view.page.locator('.line-legend').textContent()).toBe('InputOutput');
    await view.screenshot('reconstructions-table');
    expect(await view.cspViolations()).toEqual([]);
    await view.close();
  });

  it('renders RGB samples in colour', async () => {
    // A hand-made message (the recorded runs are grayscale): a red input and a green output, 4x4x3 floats.
    const solid = (rgb: number[]) => Float32Array.from({ length: 4 * 4 * 3 }, (_, i) => rgb[i % 3]);
    const view = await openWebview();
    await view.feed([{ type: 'reconstructions', epoch: 1, sampleShape: [4, 4, 3], inputs: [solid([1, 0, 0])], outputs: [solid([0, 0.5, 0])] }]);
    await view.showView('reconstructions');
    const pixel = (row: string) => view.page.locator(`.recon-${row} canvas`).evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(1, 1, 1, 1).data));
    expect(await pixel('input')).toEqual([255, 0, 0, 255]);
    expect(await pixel('output')).toEqual([0, 128, 0, 255]);
    await view.close();
  });
});
