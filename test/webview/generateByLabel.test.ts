// Generate view on a recorded CVAE run (kind generates 'label'): a row of decoded samples per class and an
// interpolation within a chosen class, each decode request carrying its labels through the real host handler.
// The stand-in decoder answers a code with label L by a real validation digit of class L, so rows show their class.
import { describe, expect, it } from 'vitest';
import { lastMessage, loadFixture } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';
import { inkPixels } from './harness/pixels';

const openWebview = useBrowser();
const PER_CLASS = 8;
const FRAMES = 10;

describe('generate view by label', () => {
  it('decodes a row per class with that class, and an interpolation with the chosen class fixed', async () => {
    const fixture = loadFixture('cvae-mnist');
    const samples = lastMessage(fixture, 'validationSamples');
    const latent = lastMessage(fixture, 'latent');
    const classes = samples.labelNames!.length;
    const size = samples.sampleShape.reduce((a, b) => a * b, 1);
    const received: { count: number; labels?: number[] }[] = [];
    const decode = async (_codes: Float32Array, count: number, labels?: number[]): Promise<Float32Array[]> => {
      received.push({ count, labels });
      if (!labels) throw new Error('a conditional decode without labels');
      // The i-th digit of class L, so the columns of a row differ and every row shows its class.
      return labels.map((label, i) => {
        const indices = Array.from(samples.labels!).flatMap((l, index) => (l === label ? [index] : []));
        const index = indices[i % indices.length];
        return Float32Array.from(samples.values.subarray(index * size, (index + 1) * size), (v) => v / 255);
      });
    };
    const view = await openWebview({ decode });
    await view.feed(fixture.messages);
    await view.showView('generate');

    const rows = view.page.locator('.label-row');
    await expect.poll(() => rows.count()).toBe(classes);
    expect(await view.page.locator('.label-name').allTextContents()).toEqual(samples.labelNames);
    const frames = view.page.locator('.label-row-strip .decoded-frame canvas');
    await expect.poll(() => frames.count()).toBe(classes * PER_CLASS);
    expect(await inkPixels(frames.nth(3 * PER_CLASS + 2))).toBeGreaterThan(20);

    // Every row's request: 8 codes of the run's code size, each with the row's class.
    const requests = view.posted.filter((m) => m.type === 'DECODE') as { count: number; codes: number[]; labels?: number[] }[];
    for (let label = 0; label < classes; label++) {
      const row = requests.find((r) => r.count === PER_CLASS && r.labels?.[0] === label);
      expect(row, `row ${label}`).toBeDefined();
      expect(row!.labels).toEqual(new Array(PER_CLASS).fill(label));
      expect(row!.codes).toHaveLength(PER_CLASS * latent.latentDim);
    }
    // The same prior codes in every row: a column keeps its style while the class changes.
    const [first, second] = [0, 1].map((label) => requests.find((r) => r.count === PER_CLASS && r.labels?.[0] === label)!.codes);
    expect(second).toEqual(first);

    const interpolation = view.page.locator('.label-interpolation-strip .decoded-frame canvas');
    await expect.poll(() => interpolation.count()).toBe(FRAMES);
    await view.page.locator('.interpolation-class').evaluate((select: HTMLElement & { value: string }) => {
      select.value = '7';
      select.dispatchEvent(new Event('change'));
    });
    await expect.poll(() => received.some((r) => r.count === FRAMES && r.labels?.every((l) => l === 7))).toBe(true);
    const last = (view.posted.filter((m) => m.type === 'DECODE') as { count: number; codes: number[]; labels?: number[] }[]).at(-1)!;
    expect(last.labels).toEqual(new Array(FRAMES).fill(7));
    // Both ends are prior draws; the frames between lie on the line from A to B.
    const dim = latent.latentDim;
    const at = (frame: number) => last.codes.slice(frame * dim, (frame + 1) * dim);
    at(5).forEach((value, d) => expect(value).toBeCloseTo(at(0)[d] + ((at(FRAMES - 1)[d] - at(0)[d]) * 5) / (FRAMES - 1), 4));

    // New samples: new codes for every row.
    const before = requests.length;
    await view.page.locator('.by-label vscode-button').first().click();
    await expect.poll(() => view.posted.filter((m) => m.type === 'DECODE').length).toBeGreaterThanOrEqual(before + classes);
    await view.screenshot('generate-by-label');
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('takes the class names from the validation samples when the start message has none (a run opened from disk)', async () => {
    const fixture = loadFixture('cvae-mnist');
    const messages = fixture.messages.map((m) => (m.type === 'started' ? { ...m, labelNames: undefined } : m));
    const view = await openWebview({ decode: async (_codes, count) => Array.from({ length: count }, () => new Float32Array(784)) });
    await view.feed(messages);
    await view.showView('generate');
    await expect.poll(() => view.page.locator('.label-row').count()).toBe(lastMessage(fixture, 'validationSamples').labelNames!.length);
    await view.close();
  });

  it('hides the by-label variant for a run whose kind generates from the prior', async () => {
    const view = await openWebview({ decode: async (_codes, count) => Array.from({ length: count }, () => new Float32Array(784)) });
    await view.feed(loadFixture('vae-mnist').messages);
    await view.showView('generate');
    await expect.poll(() => view.page.locator('.prior-grid canvas').count()).toBeGreaterThan(0);
    expect(await view.page.locator('.by-label').isHidden()).toBe(true);
    expect(view.posted.filter((m) => m.type === 'DECODE' && 'labels' in m)).toEqual([]);
    await view.close();
  });
});
