// PNG / JPEG decoding to 8-bit HWC pixels with 1 (gray) or 3 (RGB) channels, plus a header-only peek
// at size and colour so a folder can be sized (and refused if too big) before anything is decoded.
// The format is sniffed from the bytes, not the extension, so a PNG named .jpg still loads.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export interface ImageHeader {
  width: number;
  height: number;
  channels: 1 | 3;
  hasAlpha: boolean;
}

export interface DecodedImage extends ImageHeader {
  /** height * width * channels bytes, row-major. */
  pixels: Uint8Array;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).equals(PNG_SIGNATURE);
}

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/**
 * One image larger than this is refused from its header, before decoding: a few kB of PNG can declare 8000x8000
 * pixels, and decoding allocates width x height x 4 bytes (plus conversions). 50 MP still admits phone photos.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** Thrown (without the file name, which the caller adds) for an image whose header declares too many pixels. */
export class ImageTooLargeError extends Error {
  constructor(readonly width: number, readonly height: number) {
    super(`the image declares ${width}x${height} pixels (width x height), ${((width * height) / 1e6).toFixed(1)} megapixels, more than the ${MAX_IMAGE_PIXELS / 1e6}-megapixel limit per image; shrink it, or remove it from the data`);
    this.name = 'ImageTooLargeError';
  }
}

/** Throws a plain Error (the caller adds the file name) when the bytes are not a readable PNG/JPEG header, or an ImageTooLargeError. */
export function readImageHeader(bytes: Uint8Array): ImageHeader {
  const header = isPng(bytes) ? readPngHeader(bytes) : isJpeg(bytes) ? readJpegHeader(bytes) : undefined;
  if (!header) throw new Error(notAnImageMessage(bytes));
  if (header.width * header.height > MAX_IMAGE_PIXELS) throw new ImageTooLargeError(header.width, header.height);
  return header;
}

/** Decodes after checking the declared size, so an oversized image is refused without being decoded. */
export function decodeImage(bytes: Buffer): DecodedImage {
  readImageHeader(bytes);
  return isPng(bytes) ? decodePng(bytes) : decodeJpeg(bytes);
}

function notAnImageMessage(bytes: Uint8Array): string {
  const start = Buffer.from(bytes.subarray(0, 4)).toString('hex') || '(empty file)';
  return `not a PNG or JPEG file (starts with ${start})`;
}

function readPngHeader(bytes: Uint8Array): ImageHeader {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < 26 || view.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG header (IHDR) is missing or truncated');
  const colorType = view[25];
  // 0 gray, 4 gray+alpha; 2 RGB, 3 palette, 6 RGBA.
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20), channels: colorType === 0 || colorType === 4 ? 1 : 3, hasAlpha: colorType === 4 || colorType === 6 };
}

function readJpegHeader(bytes: Uint8Array): ImageHeader {
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) throw new Error(`JPEG marker expected at byte ${i}`);
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    // SOFn frames (not DHT c4, JPG c8, DAC cc) carry precision, height, width, component count.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 10 > bytes.length) break;
      const components = bytes[i + 9];
      return { height: (bytes[i + 5] << 8) | bytes[i + 6], width: (bytes[i + 7] << 8) | bytes[i + 8], channels: components === 1 ? 1 : 3, hasAlpha: false };
    }
    i += 2 + length;
  }
  throw new Error('JPEG frame header (SOF) not found; the file is truncated or corrupt');
}

function decodePng(bytes: Buffer): DecodedImage {
  const png = PNG.sync.read(bytes); // always RGBA, 8 bits per sample
  const header = readPngHeader(bytes);
  return { ...header, width: png.width, height: png.height, pixels: pickChannels(png.data, png.width * png.height, 4, header.channels) };
}

function decodeJpeg(bytes: Buffer): DecodedImage {
  const header = readJpegHeader(bytes);
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });
  return { ...header, width: image.width, height: image.height, pixels: pickChannels(image.data, image.width * image.height, 3, header.channels) };
}

/** Keeps the first `keep` of `stride` interleaved channels (drops alpha, or the copies of a gray value). */
function pickChannels(data: Uint8Array, pixelCount: number, stride: number, keep: number): Uint8Array {
  const out = new Uint8Array(pixelCount * keep);
  for (let p = 0; p < pixelCount; p++) {
    for (let c = 0; c < keep; c++) out[p * keep + c] = data[p * stride + c];
  }
  return out;
}
