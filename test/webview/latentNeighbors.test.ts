// Latent view: clicking a point lists its 8 nearest neighbours in the full code space, the true ones (checked by
// brute force), with thumbnails, labels, sources and distances, and highlights them in the scatter. Also on 10,000
// codes, where the search time is measured and reported (not asserted).
import { describe, expect, it } from 'vitest';
import type { TrainerMessageOf, TrainerToHost } from '../../src/protocol/trainerMessages';
import { formatLoss } from '../../webview/src/shared/format';
import { lastMessage, loadFixture, messagesUntil } from './harness/fixtures';
import { pointOfLabel } from './harness/latentPoints';
import { useBrowser } from './harness/lifecycle';
import { inkPixels } from './harness/pixels';
import type { OpenWebview } from './harness/openWebview';

const openWebview = useBrowser();
const K = 8;

/** Every other code's euclidean distance to the query's, nearest first (ties by index). */
function bruteForce(latent: TrainerMessageOf<'latent'>, query: number): { index: number; distance: number }[] {
  const { codes, latentDim, count } = latent;
  const all = [];
  for (let i = 0; i < count; i++) {
    if (i === query) continue;
    let sum = 0;
    for (let d = 0; d < latentDim; d++) sum += (codes[i * latentDim + d] - codes[query * latentDim + d]) ** 2;
    all.push({ index: i, distance: Math.sqrt(sum) });
  }
  return all.sort((a, b) => a.distance - b.distance || a.index - b.index).slice(0, K);
}

/** Overlay pixels in the theme's focus colour: the neighbour rings. */
function focusPixels(view: OpenWebview): Promise<number> {
  return view.page.locator('canvas.latent-overlay').evaluate((canvas: HTMLCanvasElement) => {
    const hex = getComputedStyle(document.body).getPropertyValue('--vscode-focusBorder').trim();
    const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200 && rgb.every((c, k) => Math.abs(data[i + k] - c) < 30)) n++;
    return n;
  });
}

async function clickAndCheck(view: OpenWebview, latent: TrainerMessageOf<'latent'>, label: number): Promise<{ query: number; ms: number }> {
  const panel = view.page.locator('.latent-neighbors');
  const before = await panel.getAttribute('data-query');
  const point = await pointOfLabel(view.page, label);
  await view.page.mouse.click(point.x, point.y);
  await expect.poll(() => panel.getAttribute('data-query')).not.toBe(before);
  await view.settle();
  const query = Number(await panel.getAttribute('data-query'));
  const expected = bruteForce(latent, query);
  const cards = panel.locator('.neighbor-card');
  expect(await cards.count()).toBe(K);
  expect((await cards.evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.index))).map(Number)).toEqual(expected.map((n) => n.index));
  expect(await cards.locator('.neighbor-distance').allTextContents()).toEqual(expected.map((n) => `distance ${formatLoss(n.distance)}`));
  expect(await view.page.locator('canvas.latent-overlay').getAttribute('data-neighbors')).toBe(expected.map((n) => n.index).join(','));
  return { query, ms: Number(await panel.getAttribute('data-search-ms')) };
}

describe('latent neighbours', () => {
  it('lists the true 8 nearest codes of a clicked point with thumbnails, labels and sources, and rings them', async () => {
    const view = await openWebview();
    const fixture = loadFixture('deep-mnist');
    const latent = lastMessage(fixture, 'latent');
    const samples = lastMessage(fixture, 'validationSamples');
    await view.feed(fixture.messages);
    await view.showView('latent');
    expect(await view.page.locator('.latent-neighbors').isVisible()).toBe(false);
    expect(await focusPixels(view)).toBe(0);

    const labels = [...new Set(samples.labels!)].sort((a, b) => a - b);
    const { query } = await clickAndCheck(view, latent, labels[0]);
    const expected = bruteForce(latent, query);
    const cards = view.page.locator('.latent-neighbors .neighbor-card');
    expect(await cards.locator('.neighbor-label').allTextContents()).toEqual(expected.map((n, rank) => `${rank + 1}. ${samples.labelNames![samples.labels![n.index]]}`));
    expect(await cards.locator('.neighbor-source').allTextContents()).toEqual(expected.map((n) => samples.sourceNames![n.index]));
    for (const canvas of await cards.locator('canvas').all()) expect(await inkPixels(canvas)).toBeGreaterThan(30);
    expect(await focusPixels(view)).toBeGreaterThan(K * 10);
    await view.screenshot('latent-neighbors');

    // A second click moves the list to the newest pick; clearing the picks clears it and its rings.
    await clickAndCheck(view, latent, labels[1]);
    await view.page.locator('.picks-bar vscode-button', { hasText: 'Clear picks' }).click();
    await view.settle();
    expect(await view.page.locator('.latent-neighbors').isVisible()).toBe(false);
    expect(await focusPixels(view)).toBe(0);
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('finds the neighbours among 10,000 codes of dimension 32 (search time reported)', async () => {
    const count = 10_000;
    const latentDim = 32;
    let seed = 12345;
    const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const labels = Int32Array.from({ length: count }, (_, i) => i % 10);
    const codes = Float32Array.from({ length: count * latentDim }, (_, j) => labels[Math.floor(j / latentDim)] * (j % latentDim === 0 ? 1 : 0.2) + random());
    const points = Float32Array.from({ length: count * 2 }, (_, j) => codes[Math.floor(j / 2) * latentDim + (j % 2)]);
    const values = Uint8Array.from({ length: count * 64 }, () => Math.floor(random() * 256));
    const latent: TrainerMessageOf<'latent'> = { type: 'latent', epoch: 1, method: 'pca', latentDim, count, points, codes };
    const messages: TrainerToHost[] = [
      ...messagesUntil(loadFixture('deep-mnist'), 'started'),
      { type: 'validationSamples', sampleShape: [8, 8, 1], count, values, labels, labelNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
      latent,
    ];
    const view = await openWebview();
    await view.feed(messages);
    await view.showView('latent');
    await expect.poll(() => view.page.locator('canvas.latent-points').getAttribute('data-drawn')).toBe(String(count));
    const times = [];
    for (const label of [0, 5, 9]) times.push((await clickAndCheck(view, latent, label)).ms);
    console.log(`latent neighbours: ${K} nearest of ${count} codes (dim ${latentDim}) in ${times.map((t) => `${t.toFixed(2)} ms`).join(', ')}`);
    await view.screenshot('latent-neighbors-10k');
    expect(view.warnings).toEqual([]);
    await view.close();
  });
});
