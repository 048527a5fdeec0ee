// Test helpers: temp folders, real PNG/JPEG files written by pngjs and jpeg-js themselves, and data configs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import { InputError } from '../../../src/protocol/errors';
import { experimentSchema, type DataConfig, type ExperimentInput } from '../../../src/protocol/experiment';

export type Rgb = [number, number, number];

const created: string[] = [];

export function tempDir(prefix = 'aelab-data-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

function rgbaOf(width: number, height: number, pixel: (x: number, y: number) => Rgb, alpha = 255): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([...pixel(x, y), alpha], (y * width + x) * 4);
  }
  return data;
}

function writeBytes(path: string, bytes: Buffer): Buffer {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return bytes;
}

/** An 8-bit grayscale PNG (colour type 0). */
export function writeGrayPng(path: string, width: number, height: number, value: (x: number, y: number) => number): Buffer {
  const png = new PNG({ width, height });
  png.data = rgbaOf(width, height, (x, y) => [value(x, y), value(x, y), value(x, y)]);
  return writeBytes(path, PNG.sync.write(png, { colorType: 0 }));
}

/** An RGB PNG (colour type 2), or RGBA (6) when `alpha` is given. */
export function writeRgbPng(path: string, width: number, height: number, pixel: (x: number, y: number) => Rgb, alpha?: number): Buffer {
  const png = new PNG({ width, height });
  png.data = rgbaOf(width, height, pixel, alpha ?? 255);
  return writeBytes(path, PNG.sync.write(png, { colorType: alpha === undefined ? 2 : 6 }));
}

/** A baseline JPEG; jpeg-js always writes three YCbCr components. */
export function writeJpeg(path: string, width: number, height: number, pixel: (x: number, y: number) => Rgb, quality = 95): Buffer {
  return writeBytes(path, jpeg.encode({ width, height, data: rgbaOf(width, height, pixel) }, quality).data);
}

/** A data config with the schema's own defaults, as the trainer would receive it. */
export function dataConfig(data: Partial<ExperimentInput['data']> = {}): DataConfig {
  return experimentSchema.parse({ name: 'test', kind: 'deep', data: { source: 'unused', ...data } }).data;
}

/** Runs `load` and returns the InputError it throws; fails the test if it throws anything else or nothing. */
export function inputError(load: () => unknown): InputError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

/** inputError for loaders that return a promise: the InputError it rejects with; fails the test on anything else. */
export async function rejectedInputError(load: () => Promise<unknown>): Promise<InputError> {
  const error = await load().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

/** Data sources are resolved against the experiment file's folder; the file itself is not read. */
export const experimentIn = (dir: string): string => join(dir, 'exp.ae.json');

/** Writes bytes or text into a fresh temp folder and returns the file's path. */
export function writeTemp(name: string, contents: string | Buffer): string {
  const file = join(tempDir(), name);
  writeFileSync(file, contents);
  return file;
}
