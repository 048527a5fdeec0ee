// "Is something drawn?" measured on the canvas itself: pixels that are neither transparent nor near-black.
import type { Locator } from 'playwright-core';

export function inkPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const canvasElement = element as HTMLCanvasElement;
    if (!canvasElement.width || !canvasElement.height) return 0;
    const { data } = canvasElement.getContext('2d')!.getImageData(0, 0, canvasElement.width, canvasElement.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && Math.max(data[i], data[i + 1], data[i + 2]) > 40) ink++;
    return ink;
  });
}

/** The first canvas pixel (CSS coordinates relative to the element) with the given colour, scanning from a start. */
export function findColoredPixel(canvas: Locator, rgb: [number, number, number], from: [number, number] = [0, 0]): Promise<[number, number] | null> {
  return canvas.evaluate(
    (element, { rgb, from }) => {
      const canvasElement = element as HTMLCanvasElement;
      const ratio = canvasElement.width / canvasElement.clientWidth;
      const { data, width, height } = canvasElement.getContext('2d')!.getImageData(0, 0, canvasElement.width, canvasElement.height);
      for (let y = Math.round(from[1] * ratio); y < height; y++) {
        for (let x = Math.round(from[0] * ratio); x < width; x++) {
          const i = (y * width + x) * 4;
          if (data[i + 3] > 200 && Math.abs(data[i] - rgb[0]) < 25 && Math.abs(data[i + 1] - rgb[1]) < 25 && Math.abs(data[i + 2] - rgb[2]) < 25) return [x / ratio, y / ratio] as [number, number];
        }
      }
      return null;
    },
    { rgb, from },
  );
}
