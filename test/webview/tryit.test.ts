// Try it: a picked file's probe answer shown in full (input, reconstruction, heat map, score against the threshold,
// nearest training samples), drawing on the canvas sends a validated probe of the run's size, and a training run says
// when Try it becomes available.
import { describe, expect, it } from 'vitest';
import type { ProbeMessage, Probed } from '../../src/protocol/applyMessages';
import { lastMessage, loadFixture, messagesUntil } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';
import { findColoredPixel, inkPixels } from './harness/pixels';

const openWebview = useBrowser();
const HOSTILE_SOURCE = '<img src=x onerror="document.title=1">.png';

/** A probe answer built from recorded validation digits: sample 0 is the input, samples 1..8 the neighbours. */
function syntheticAnswer(): { probed: Probed; hotPixel: number } {
  const samples = lastMessage(loadFixture('deep-mnist'), 'validationSamples');
  const size = 784;
  const digit = (i: number) => Float32Array.from(samples.values.subarray(i * size, (i + 1) * size), (v) => v / 255);
  const input = digit(0);
  const reconstruction = input.map((v) => v * 0.8);
  // One pixel of ink the model "missed" entirely: the largest error, the brightest heat map pixel.
  const hotPixel = input.findIndex((v) => v > 0.9);
  reconstruction[hotPixel] = 0;
  const errorMap = input.map((v, i) => (v - reconstruction[i]) ** 2);
  const score = errorMap.reduce((a, b) => a + b, 0) / size;
  const neighbors = Array.from({ length: 8 }, (_, n) => ({
    index: 100 + n,
    source: n === 0 ? HOSTILE_SOURCE : `train/${n}.png`,
    label: samples.labelNames![samples.labels![n + 1]],
    distance: 0.5 + n / 10,
    image: digit(n + 1),
  }));
  return { probed: { type: 'probed', requestId: 0, sampleShape: [28, 28, 1], input, reconstruction, errorMap, score, threshold: score * 0.8, flagged: true, neighbors }, hotPixel };
}

describe('Try it view', () => {
  it('shows a picked file: input, reconstruction, error heat map, score against the threshold and neighbours', async () => {
    const { probed, hotPixel } = syntheticAnswer();
    const asked: ProbeMessage['sample'][] = [];
    const view = await openWebview({ openPath: '/data/new digits/seven.png', probe: async (sample) => (asked.push(sample), probed) });
    await view.feed(loadFixture('deep-mnist').messages);
    await view.showView('tryit');
    await view.page.locator('.tryit-view vscode-button', { hasText: 'Choose a file' }).click();
    const result = view.page.locator('.probe-result');
    await expect.poll(() => result.count()).toBe(1);
    expect(asked).toEqual([{ kind: 'file', path: '/data/new digits/seven.png' }]);
    expect(view.posted.filter((m) => m.type === 'PROBE_FILE')).toEqual([{ type: 'PROBE_FILE', requestId: expect.any(Number) }]);

    expect(await result.locator('.section-title').first().textContent()).toBe('Sample: seven.png');
    expect(await inkPixels(result.locator('.probe-input canvas'))).toBeGreaterThan(50);
    expect(await inkPixels(result.locator('.probe-reconstruction canvas'))).toBeGreaterThan(50);
    // The hot pixel is drawn in the scale's brightest colour, exactly where it is.
    const heat = result.locator('.probe-error canvas.heat-map');
    const brightest = await heat.evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, 28, 28).data));
    expect(brightest.slice(hotPixel * 4, hotPixel * 4 + 3)).toEqual([252, 255, 164]);
    expect(await findColoredPixel(view.page.locator('.heat-legend-bar'), [252, 255, 164])).not.toBeNull();

    const meter = result.locator('.score-meter');
    expect(await meter.getAttribute('data-flagged')).toBe('true');
    expect(await meter.textContent()).toMatch(/^score \S+ · threshold \S+ · flagged: above the threshold$/);

    const cards = result.locator('.neighbor-card');
    expect(await cards.count()).toBe(8);
    expect(await cards.locator('.neighbor-source').allTextContents()).toEqual(probed.neighbors!.map((n) => n.source));
    expect(await cards.locator('.neighbor-label').allTextContents()).toEqual(probed.neighbors!.map((n, i) => `${i + 1}. ${n.label}`));
    expect(await cards.locator('.neighbor-distance').first().textContent()).toBe('distance 0.5000');
    for (const canvas of await cards.locator('canvas').all()) expect(await inkPixels(canvas)).toBeGreaterThan(30);
    // A file name is text, never markup.
    expect(await result.locator('img').count()).toBe(0);
    expect(await view.page.title()).not.toBe('1');
    await view.screenshot('tryit');
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('probes what is drawn on the canvas, scaled to the run\'s 28×28×1 samples', async () => {
    const asked: ProbeMessage['sample'][] = [];
    const view = await openWebview({
      theme: 'light',
      probe: async (sample) => {
        asked.push(sample);
        const input = sample.kind === 'pixels' ? sample.values : new Float32Array(784);
        const reconstruction = input.map((v) => v * 0.7);
        return { type: 'probed', requestId: 0, sampleShape: [28, 28, 1], input, reconstruction, errorMap: input.map((v, i) => (v - reconstruction[i]) ** 2), score: 0.01, threshold: 0.05, flagged: false, neighbors: [] };
      },
    });
    await view.feed(loadFixture('deep-mnist').messages);
    await view.showView('tryit');
    const pad = view.page.locator('canvas.drawing-pad');
    const box = (await pad.boundingBox())!;
    // A horizontal stroke across the middle of the pad.
    await view.page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await view.page.mouse.down();
    for (let step = 1; step <= 10; step++) await view.page.mouse.move(box.x + box.width * (0.2 + 0.06 * step), box.y + box.height / 2);
    await view.page.mouse.up();
    await expect.poll(() => view.page.locator('.probe-result').count()).toBe(1);

    const posted = view.posted.filter((m) => m.type === 'PROBE_PIXELS');
    expect(posted).toHaveLength(1);
    const pixels = posted[0].pixels as number[];
    expect(posted[0].shape).toEqual([28, 28, 1]);
    expect(pixels).toHaveLength(784);
    expect(pixels.every((v) => v >= 0 && v <= 1)).toBe(true);
    // Ink on the middle rows, none on the top and bottom rows.
    const row = (r: number) => pixels.slice(r * 28, (r + 1) * 28);
    expect(Math.max(...row(14), ...row(13))).toBeGreaterThan(0.5);
    expect(Math.max(...row(0), ...row(27))).toBe(0);
    expect(asked).toHaveLength(1);
    expect(asked[0].kind === 'pixels' && Array.from(asked[0].values)).toEqual(pixels.map((v) => Math.fround(v)));
    expect(await view.page.locator('.score-meter').getAttribute('data-flagged')).toBe('false');
    expect(await inkPixels(view.page.locator('.probe-input canvas'))).toBeGreaterThan(10);
    await view.screenshot('tryit-drawing');

    await view.page.locator('.drawing vscode-button', { hasText: 'Clear' }).click();
    expect(await inkPixels(pad)).toBe(0);
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('shows per-column input, reconstruction and error for a table run, and the trainer\'s errors as text', async () => {
    const fixture = loadFixture('table-signals');
    const features = lastMessage(fixture, 'validationSamples').sampleShape[0];
    const input = Float32Array.from({ length: features }, (_, i) => i / features);
    const reconstruction = input.map((v, i) => (i === 2 ? v + 0.5 : v));
    let fail = false;
    const view = await openWebview({
      openPath: '/data/today.csv',
      probe: async () => (fail ? { type: 'probed', requestId: 0, error: 'the run expects 8 columns, found 5 (today.csv)' } : { type: 'probed', requestId: 0, sampleShape: [features], input, reconstruction, errorMap: input.map((v, i) => (v - reconstruction[i]) ** 2), score: 0.2, threshold: null }),
    });
    await view.feed(fixture.messages);
    await view.showView('tryit');
    expect(await view.page.locator('canvas.drawing-pad').isVisible()).toBe(false);
    const pick = view.page.locator('.tryit-view vscode-button', { hasText: 'Choose a file' });
    await pick.click();
    const rows = view.page.locator('.probe-table tbody tr');
    await expect.poll(() => rows.count()).toBe(features);
    expect(await rows.nth(2).locator('td').nth(3).textContent()).toBe('0.2500');
    expect(await view.page.locator('.score-meter').textContent()).toMatch(/this run has no threshold/);
    await view.screenshot('tryit-table');
    fail = true;
    await pick.click();
    await expect.poll(() => view.page.locator('.probe-status').textContent()).toBe('the run expects 8 columns, found 5 (today.csv)');
    expect(await view.page.locator('.probe-status').evaluate((e) => e.classList.contains('error'))).toBe(true);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('says a training run can be tried when it ends', async () => {
    const view = await openWebview();
    await view.feed(messagesUntil(loadFixture('deep-mnist'), 'epoch'));
    await view.showView('tryit');
    const note = view.page.locator('.tryit-view .empty-note');
    expect(await note.textContent()).toBe('Try it is available when the run ends: it uses the saved model.');
    expect(await view.page.locator('.tryit-body').isVisible()).toBe(false);
    await view.close();
  });
});
