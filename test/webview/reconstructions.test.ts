// Reconstructions view: input / noisy / output image rows from recorded runs, line plots for tabular data, and the
// epoch slider over a run's reconstruction history.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TrainerMessageOf } from '../../src/protocol/trainerMessages';
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

/** The gray values of a sample canvas (one canvas pixel per image pixel), to compare with a frame's uint8 outputs. */
const grayPixels = (canvas: Locator) =>
  canvas.evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.filter((_, i) => i % 4 === 0)));

describe('reconstructions epoch slider', () => {
  const fixture = () => loadFixture('recon-history-mnist');
  const history = () => lastMessage(fixture(), 'reconstructionHistory');
  /** The recorded run with its history cut to the first `count` frames (as the trainer sent it then). */
  const withFrames = (count: number) => fixture().messages.map((m) => (m.type === 'reconstructionHistory' ? { ...m, frames: m.frames.slice(0, count) } : m));

  it('moves through the epochs by keyboard and pointer, showing each epoch\'s outputs under the same inputs', async () => {
    const view = await openWebview();
    const { frames } = history();
    expect(frames.map((frame) => frame.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    await view.feed(fixture().messages);
    await view.showView('reconstructions');
    const slider = view.page.locator('input.epoch-slider');
    const label = view.page.locator('.epoch-slider-label');
    const title = view.page.locator('.reconstructions-view .section-title');
    const output = view.page.locator('.recon-output canvas').first();
    const input = view.page.locator('.recon-input canvas').first();
    const shows = async (index: number) => {
      await view.settle();
      expect(await label.textContent()).toBe(`Epoch ${frames[index].epoch} of 6`);
      expect(await slider.getAttribute('aria-valuetext')).toBe(`Epoch ${frames[index].epoch} of 6`);
      expect(await title.textContent()).toBe(`Reconstructions after epoch ${frames[index].epoch}`);
      expect(await grayPixels(output)).toEqual(Array.from(frames[index].outputs[0]));
    };
    // Starts at the newest epoch: the live grid, whose pixels are the newest frame's.
    await shows(5);
    const inputPixels = await grayPixels(input);
    // The epochs differ, so each comparison below can only pass on the right frame.
    expect(frames[0].outputs[0]).not.toEqual(frames[5].outputs[0]);

    await slider.focus();
    await view.page.keyboard.press('Home');
    await shows(0);
    await view.page.keyboard.press('ArrowRight');
    await shows(1);
    await view.page.keyboard.press('End');
    await shows(5);
    await view.page.keyboard.press('ArrowLeft');
    await shows(4);

    // Pointer: a click 40% along the track picks the third of six frames.
    const box = (await slider.boundingBox())!;
    await view.page.mouse.click(box.x + box.width * 0.4, box.y + box.height / 2);
    await shows(2);
    expect(await grayPixels(input)).toEqual(inputPixels);
    expect(await view.page.locator('.recon-output canvas').count()).toBe(frames[2].outputs.length);
    await view.screenshot('reconstructions-slider');
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('follows new epochs while at the newest and stays on an earlier epoch the user picked', async () => {
    const view = await openWebview();
    await view.feed(withFrames(4));
    await view.showView('reconstructions');
    const label = view.page.locator('.epoch-slider-label');
    expect(await label.textContent()).toBe('Epoch 4 of 4');
    await view.feed([history()]);
    expect(await label.textContent()).toBe('Epoch 6 of 6');

    await view.page.locator('input.epoch-slider').focus();
    await view.page.keyboard.press('Home');
    await view.settle();
    const seventh = { epoch: 7, outputs: history().frames[5].outputs.map((o) => o.map((v) => 255 - v)) };
    await view.feed([{ ...history(), frames: [...history().frames, seventh] }]);
    expect(await label.textContent()).toBe('Epoch 1 of 7');
    expect(await grayPixels(view.page.locator('.recon-output canvas').first())).toEqual(Array.from(history().frames[0].outputs[0]));
    await view.close();
  });

  it('plays through the epochs from the one shown to the newest', async () => {
    const view = await openWebview();
    await view.feed(fixture().messages);
    await view.showView('reconstructions');
    await view.page.locator('input.epoch-slider').focus();
    await view.page.keyboard.press('Home');
    await view.settle();
    const play = view.page.locator('.epoch-slider-bar vscode-button');
    await play.click();
    await expect.poll(() => play.textContent()).toBe('Pause');
    const label = view.page.locator('.epoch-slider-label');
    await expect.poll(() => label.textContent(), { timeout: 10_000 }).toBe('Epoch 6 of 6');
    await expect.poll(() => play.textContent()).toBe('Play');
    await view.settle();
    expect(await grayPixels(view.page.locator('.recon-output canvas').first())).toEqual(Array.from(history().frames[5].outputs[0]));
    await view.close();
  });

  it('shows a table run\'s earlier outputs in its line plots; runs without a history show no slider', async () => {
    const view = await openWebview();
    await view.feed(loadFixture('denoising-mnist').messages);
    await view.showView('reconstructions');
    expect(await view.page.locator('.recon-noisy canvas').count()).toBeGreaterThan(0);
    expect(await view.page.locator('.epoch-slider-bar').isVisible()).toBe(false);

    const table = loadFixture('table-signals');
    const last = lastMessage(table, 'reconstructions');
    const flat = { epoch: 1, outputs: last.outputs.map((o) => new Float32Array(o.length)) };
    const tableHistory: TrainerMessageOf<'reconstructionHistory'> = { type: 'reconstructionHistory', sampleShape: last.sampleShape, frames: [flat, { epoch: last.epoch, outputs: last.outputs }] };
    await view.feed([...table.messages, tableHistory]);
    const plot = view.page.locator('.recon-table canvas.feature-plot').first();
    const newest = await plot.evaluate((c: HTMLCanvasElement) => c.toDataURL());
    await view.page.locator('input.epoch-slider').focus();
    await view.page.keyboard.press('Home');
    await view.settle();
    expect(await view.page.locator('.epoch-slider-label').textContent()).toBe(`Epoch 1 of ${last.epoch}`);
    expect(await plot.evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(newest);
    await view.page.keyboard.press('End');
    await view.settle();
    expect(await plot.evaluate((c: HTMLCanvasElement) => c.toDataURL())).toBe(newest);
    await view.close();
  });
});
