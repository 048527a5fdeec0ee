// What a file or folder the user wants to apply a run to looks like, read from headers only (the data itself is the
// trainer's to read): the channels of an image (or of the first image in a folder), the dimensions of an IDX or NPY
// array, the header of a CSV, and that a WAV file (or a folder of them, without images) is audio. Enough to offer only
// the runs whose input fits; the trainer checks the rest.
import { sniffDelimiter } from '../../protocol/csvDelimiter';
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { basename, join } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { DATA_FORMATS, formatOfPath, type DataFormat } from '../../protocol/dataFormats';

export type InputShape =
  | { kind: 'images'; channels: 1 | 3; format: DataFormat }
  /**
   * `header`: the CSV's column names, null for an array or a CSV whose first row is numbers. `firstRow`: a CSV's first
   * row as cells, for a series run that trained with a header of all-digit names.
   */
  | { kind: 'table'; values: number; header: string[] | null; format: DataFormat; firstRow?: string[] }
  /** A WAV file or a folder of them: for audio runs, which cut it into their own spectrogram patches. */
  | { kind: 'audio'; format: 'audio' };

/** Thrown with a message that names the file and says what was expected. */
export class InputShapeError extends Error {}

const PREFIX_BYTES = 65_536;

function readPrefix(file: string, bytes = PREFIX_BYTES): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/** The start of a possibly gzipped file, decompressed as far as the prefix goes. */
function readStart(file: string): Buffer {
  const prefix = readPrefix(file);
  if (prefix[0] !== 0x1f || prefix[1] !== 0x8b) return prefix;
  try {
    return gunzipSync(prefix, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    throw new InputShapeError(`${file}: starts like gzip but does not decompress; it is truncated or corrupt`);
  }
}

/** 1 for gray (with or without alpha), 3 for colour; from the PNG IHDR colour type or the JPEG frame's components. */
export function imageChannels(bytes: Buffer): 1 | 3 | undefined {
  if (bytes.length >= 26 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return bytes[25] === 0 || bytes[25] === 4 ? 1 : 3;
  }
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  for (let i = 2; i + 10 <= bytes.length; ) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    // Start-of-frame markers (c0..cf except DHT c4, JPG c8, DAC cc) carry the component count at offset 9.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return bytes[i + 9] === 1 ? 1 : 3;
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  return undefined;
}

function imageFileShape(file: string): InputShape {
  const channels = imageChannels(readPrefix(file));
  if (!channels) throw new InputShapeError(`${file}: not a readable PNG or JPEG image`);
  return { kind: 'images', channels, format: 'images' };
}

/** The first image under a folder, in name order, depth first (the folder's images share their channels in practice). */
function firstImage(dir: string): string | undefined {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.isFile() && DATA_FORMATS.images.fileName.test(entry.name)) return join(dir, entry.name);
  }
  for (const entry of entries) {
    const found = entry.isDirectory() && !entry.name.startsWith('.') ? firstImage(join(dir, entry.name)) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** Whether a folder holds a WAV file, in it or in a sub-folder (hidden ones skipped, as the trainer's listing does). */
function holdsWav(dir: string): boolean {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((entry) => entry.isFile() && DATA_FORMATS.audio.fileName.test(entry.name))) return true;
  return entries.some((entry) => entry.isDirectory() && !entry.name.startsWith('.') && holdsWav(join(dir, entry.name)));
}

/** A RIFF/WAVE header; the trainer reads the rest (depth, channels, rate) and says what it cannot take. */
function wavShape(file: string): InputShape {
  const start = readPrefix(file, 12);
  if (start.length < 12 || start.toString('latin1', 0, 4) !== 'RIFF' || start.toString('latin1', 8, 12) !== 'WAVE') throw new InputShapeError(`${file}: not a WAV file (expected a RIFF/WAVE header)`);
  return { kind: 'audio', format: 'audio' };
}

/** [N, H, W] and [N, H, W, C] arrays are images, [N, D] a table of D values. */
function arrayShape(file: string, dims: number[], format: DataFormat): InputShape {
  if (dims.length === 2) return { kind: 'table', values: dims[1], header: null, format };
  if (dims.length === 3) return { kind: 'images', channels: 1, format };
  if (dims.length === 4 && (dims[3] === 1 || dims[3] === 3)) return { kind: 'images', channels: dims[3], format };
  throw new InputShapeError(`${file}: an array of shape (${dims.join(', ')}); expected (N, D) table rows, (N, H, W) gray images or (N, H, W, 1 or 3) images`);
}

function idxShape(file: string): InputShape {
  const start = readStart(file);
  const ndims = start[3];
  if (start.length < 4 || start[0] !== 0 || start[1] !== 0 || start.length < 4 + 4 * ndims) throw new InputShapeError(`${file}: not an IDX file (expected the magic bytes 00 00 <type> <dims>)`);
  return arrayShape(file, Array.from({ length: ndims }, (_, i) => start.readUInt32BE(4 + 4 * i)), 'idx');
}

function npyShape(file: string): InputShape {
  const start = readPrefix(file);
  if (start.toString('latin1', 1, 6) !== 'NUMPY') throw new InputShapeError(`${file}: not an NPY file (it does not start with "\\x93NUMPY"); save arrays with numpy.save`);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(start.toString('latin1', 8, Math.min(start.length, 8 + 4 + 65_535)))?.[1];
  if (shape === undefined) throw new InputShapeError(`${file}: the NPY header has no 'shape'`);
  return arrayShape(file, shape.split(',').map((s) => s.trim()).filter(Boolean).map(Number), 'npy');
}

function csvShape(file: string): InputShape {
  const text = readStart(file).toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/)[0] ?? '';
  if (!firstLine.trim()) throw new InputShapeError(`${file}: the first line is empty; expected a header or a row of numbers`);
  const separator = sniffDelimiter(firstLine);
  const cells = firstLine.split(separator).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
  const numeric = cells.every((cell) => cell !== '' && Number.isFinite(Number(cell)));
  return { kind: 'table', values: cells.length, header: numeric ? null : cells, format: 'csv', firstRow: cells };
}

/** Reads only headers; throws an InputShapeError naming the path for anything a run cannot take. */
export function inputShapeOf(path: string, isDirectory: boolean): InputShape {
  const format = formatOfPath(path, isDirectory);
  if (isDirectory) {
    const image = firstImage(path);
    if (image) return imageFileShape(image);
    if (holdsWav(path)) return { kind: 'audio', format: 'audio' };
    throw new InputShapeError(`${path}: the folder holds no PNG or JPEG image and no WAV file`);
  }
  switch (format) {
    case 'images':
      return imageFileShape(path);
    case 'idx':
      return idxShape(path);
    case 'npy':
      return npyShape(path);
    case 'csv':
      return csvShape(path);
    case 'audio':
      return wavShape(path);
    default:
      throw new InputShapeError(`${basename(path)} is not an image, an image folder, a WAV file or folder, or an IDX, CSV or NPY file`);
  }
}
