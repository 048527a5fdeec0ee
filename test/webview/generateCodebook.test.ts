// Generate view on a recorded vq-vae run: the code grid of a validation sample, a cell edited through the code picker,
// the edited grid decoded through the real host message handler (as code vectors the decoder's quantizer maps back to
// the codes), and "Sample" drawing every cell from the codes the validation samples use.
import { describe, expect, it } from 'vitest';
import { gridVectors, usedCodes } from '../../webview/src/generate/codeGrid';
import { lastMessage, loadFixture } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';
import { inkPixels } from './harness/pixels';

const openWebview = useBrowser();

describe('generate view, codebook kinds', () => {
  it('shows a sample\'s code grid, decodes an edited code, and samples grids from the used codes', async () => {
    const fixture = loadFixture('vq-vae-mnist');
    const codebook = lastMessage(fixture, 'codebook');
    const cells = codebook.grid[0] * codebook.grid[1];
    const requests: Float32Array[] = [];
    // The decoder stand-in: a 28x28 image whose ink grows with the code vectors' values, one per request.
    // Only single-grid requests are the editor's (the interpolation panel decodes 10 frames of z_e at a time).
    const decode = async (codes: Float32Array, count: number) => {
      if (count === 1) requests.push(codes.slice());
      return Array.from({ length: count }, () => Float32Array.from({ length: 784 }, (_, p) => (p % 28 > 6 && p % 28 < 22 ? 0.9 : 0)));
    };
    const view = await openWebview({ decode });
    await view.feed(fixture.messages);
    await view.showView('generate');

    const grid = view.page.locator('.code-grid .code-cell');
    await expect.poll(() => grid.count()).toBe(cells);
    expect((await grid.allTextContents()).map(Number)).toEqual(codebook.codes[0]);
    await expect.poll(() => requests.length).toBe(1);
    expect(Array.from(requests[0])).toEqual(Array.from(gridVectors(codebook, codebook.codes[0])));
    expect(await inkPixels(view.page.locator('.codebook-original canvas'))).toBeGreaterThan(20);
    await expect.poll(() => view.page.locator('.codebook-strip .decoded-frame canvas').count()).toBe(1);

    // Cell 10 gets a code it does not have.
    const cell = 10;
    const replacement = (codebook.codes[0][cell] + 1) % codebook.usage.length;
    await grid.nth(cell).click();
    await expect.poll(() => view.page.locator('.code-picker .code-choice').count()).toBe(codebook.usage.length);
    await view.page.locator(`.code-picker .code-choice[data-code="${replacement}"]`).click();
    await expect.poll(() => grid.nth(cell).textContent()).toBe(String(replacement));
    await expect.poll(() => requests.length).toBe(2);
    const edited = [...codebook.codes[0]];
    edited[cell] = replacement;
    expect(Array.from(requests[1])).toEqual(Array.from(gridVectors(codebook, edited)));
    const decodes = view.posted.filter((m) => m.type === 'DECODE' && m.count === 1) as { count: number; codes: number[] }[];
    expect(decodes.map((m) => m.codes.length)).toEqual([cells * codebook.dim, cells * codebook.dim]);
    await view.screenshot('generate-codebook');

    await view.page.locator('.generate-view vscode-button', { hasText: /^\s*Sample\s*$/ }).click();
    await expect.poll(() => requests.length).toBe(3);
    const used = new Set(usedCodes(codebook.usage));
    const sampled = (await grid.allTextContents()).map(Number);
    expect(sampled).toHaveLength(cells);
    expect(sampled.every((code) => used.has(code))).toBe(true);
    expect(Array.from(requests[2])).toEqual(Array.from(gridVectors(codebook, sampled)));

    // The prior and manifold sections of the VAE kinds stay hidden: a vq-vae run sends no 'generated' message.
    expect(await view.page.locator('.prior-grid').isVisible()).toBe(false);
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('hides the code grid for runs without a codebook', async () => {
    const view = await openWebview();
    await view.feed(loadFixture('vae-mnist').messages);
    await view.showView('generate');
    expect(await view.page.locator('.code-grid').isVisible()).toBe(false);
    await view.close();
  });
});
