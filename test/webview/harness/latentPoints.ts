// Finding and clicking drawn latent points the way a user would: by their colour on the canvas.
import type { Page } from 'playwright-core';
import { findColoredPixel } from './pixels';

/** The legend colours of the webview (shared/theme.ts LABEL_COLORS), as RGB. */
export const LABEL_RGB: [number, number, number][] = [
  [0x4e, 0x79, 0xa7],
  [0xf2, 0x8e, 0x2b],
  [0xe1, 0x57, 0x59],
  [0x76, 0xb7, 0xb2],
  [0x59, 0xa1, 0x4f],
  [0xed, 0xc9, 0x48],
  [0xb0, 0x7a, 0xa1],
  [0xff, 0x9d, 0xa7],
  [0x9c, 0x75, 0x5f],
  [0xba, 0xb0, 0xac],
];

/** Page coordinates of the centre-ish of a drawn point of `label`. */
export async function pointOfLabel(page: Page, label: number): Promise<{ x: number; y: number }> {
  const canvas = page.locator('canvas.latent-points');
  const box = (await canvas.boundingBox())!;
  const pixel = await findColoredPixel(canvas, LABEL_RGB[label]);
  if (!pixel) throw new Error(`no point of label ${label} is drawn`);
  // The scan finds a point's top-left pixel; its centre is one pixel in.
  return { x: box.x + pixel[0] + 1, y: box.y + pixel[1] + 1 };
}
