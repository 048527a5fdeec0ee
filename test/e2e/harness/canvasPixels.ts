// "Is something drawn?" on a canvas inside a webview, measured on its pixels.
import type { Locator } from 'playwright-core';

function countPixels(canvas: Locator, kind: 'ink' | 'colored'): Promise<number> {
  return canvas.evaluate((element, kind) => {
    const canvasElement = element as HTMLCanvasElement;
    if (!canvasElement.width || !canvasElement.height) return 0;
    const { data } = canvasElement.getContext('2d')!.getImageData(0, 0, canvasElement.width, canvasElement.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const max = Math.max(data[i], data[i + 1], data[i + 2]);
      const min = Math.min(data[i], data[i + 1], data[i + 2]);
      if (data[i + 3] > 0 && (kind === 'ink' ? max > 40 : max - min > 80)) count++;
    }
    return count;
  }, kind);
}

/** Pixels that are neither transparent nor near-black: an image was drawn. */
export const inkPixels = (canvas: Locator) => countPixels(canvas, 'ink');

/** Saturated pixels: a chart's coloured series, not its grey grid, axes and labels. */
export const coloredPixels = (canvas: Locator) => countPixels(canvas, 'colored');
