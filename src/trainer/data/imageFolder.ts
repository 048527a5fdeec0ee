// A folder of PNG/JPEG images (or one image file) as a Dataset of [H, W, C] samples.
// Sub-folder names are the labels. The output size and channel count are fixed up front (from
// data.imageSize / data.channels or the first image's header) so the memory estimate can refuse a
// folder that would not fit before anything is decoded, and every image is written straight into
// one preallocated buffer.
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DataConfig } from '../../protocol/experiment';
import { InputError } from '../../protocol/errors';
import { emptyDropped, type Dataset } from './dataset';
import { decodeImage, ImageTooLargeError, MAX_IMAGE_PIXELS, readImageHeader, type DecodedImage } from './decodeImage';
import { fitImage, type TargetShape } from './fitImage';
import { compareCodePoints } from './compareCodePoints';
import { MAX_CLASSES } from './labels';
import { listImageFiles } from './listImageFiles';
import { formatBytes, IMAGES_HINT, refuseIfTooLarge } from './memoryBudget';
import { readRegularFile } from './regularFile';
import { normalizeFeatures, resolveNormalization } from './normalizeFeatures';
import { openStreamedImageFolder } from './streamedImageFolder';

export type ImageFolderConfig = Pick<DataConfig, 'imageSize' | 'channels' | 'mixedSizes' | 'normalization' | 'onBadFile' | 'limit'> & { stream?: boolean };

export interface ImageFolderOptions {
  /** Refuse to load when the float32 samples would need more than this (tests pass a small value). */
  maxBytes?: number;
}

/** Label of images lying directly in a folder that also has class sub-folders. */
export const ROOT_LABEL = '(root)';

export async function loadImageFolder(path: string, config: ImageFolderConfig, options: ImageFolderOptions = {}): Promise<Dataset> {
  if (config.stream) return openStreamedImageFolder(path, config);
  const isFolder = statSync(path).isDirectory();
  const root = isFolder ? path : dirname(path);
  const listing = listImageFiles(path);
  const notes = [...listing.notes];
  const files = evenlySpaced(listing.files, config.limit);
  if (files.length < listing.files.length) notes.push(`data.limit ${config.limit}: read ${files.length} of ${images(listing.files.length)}, evenly spaced over the sorted file list`);

  const { target, first } = chooseTarget(root, files, config);
  refuseIfTooLarge({
    what: `loading ${images(files.length)} of ${target.width}x${target.height}x${target.channels} (width x height x channels) as float32`,
    bytes: files.length * target.height * target.width * target.channels * 4,
    where: { file: path, field: 'data.source' },
    maxBytes: options.maxBytes,
  });

  const size = target.height * target.width * target.channels;
  const x = allocate(path, files.length * size);
  const kept: string[] = [];
  const dropped = emptyDropped();
  const counts = { resized: 0, toGray: 0, toRgb: 0, alpha: 0 };
  for (const rel of files) {
    const image = readImage(root, rel, config.onBadFile, dropped);
    if (!image) continue;
    if (!config.imageSize && (image.width !== target.width || image.height !== target.height) && config.mixedSizes === 'error') {
      throw new InputError(
        `image is ${image.width}x${image.height} (width x height) but the first image, ${first}, is ${target.width}x${target.height}; set data.mixedSizes to "resize" or data.imageSize to resize them all`,
        { file: join(root, rel) },
      );
    }
    if (fitImage(image, target, x.subarray(kept.length * size, (kept.length + 1) * size))) counts.resized++;
    if (image.channels !== target.channels) counts[target.channels === 1 ? 'toGray' : 'toRgb']++;
    if (image.hasAlpha) counts.alpha++;
    kept.push(rel);
    if (kept.length % 256 === 0) await new Promise((resolve) => setImmediate(resolve)); // let the trainer answer "stop" while loading
  }
  if (kept.length === 0) {
    throw new InputError(`none of the ${images(files.length)} could be decoded (skipped: ${dropped.files.slice(0, 5).join(', ')}); check that they are valid PNG or JPEG files`, { file: path });
  }

  notes.push(...describeConversions(counts, target, config, first));
  const samples = kept.length < files.length ? x.slice(0, kept.length * size) : x;
  const normalization = normalizeFeatures(samples, kept.length, size, resolveNormalization(config.normalization, { kind: 'scale', divisor: 255 }));
  return {
    x: samples,
    count: kept.length,
    sampleShape: [target.height, target.width, target.channels],
    ...(isFolder ? folderLabels(kept, notes) : {}),
    sourceNames: kept,
    normalization,
    dropped,
    notes,
  };
}

/** Picks `limit` files spread over the sorted list, so every class sub-folder stays represented. */
export function evenlySpaced(files: string[], limit?: number): string[] {
  if (!limit || limit >= files.length) return files;
  return Array.from({ length: limit }, (_, i) => files[Math.floor((i * files.length) / limit)]);
}

/** Output shape from the config, falling back to the first image whose header can be read. */
export function chooseTarget(root: string, files: string[], config: ImageFolderConfig): { target: TargetShape; first: string } {
  let firstError = '';
  for (const rel of files) {
    let header;
    try {
      header = readImageHeader(readRegularFile(join(root, rel), 'image file'));
    } catch (error) {
      firstError ||= `${rel}: ${error instanceof Error ? error.message : String(error)}`;
      continue; // reported (or skipped) with the decoder's own message when the file is decoded
    }
    const [height, width] = typeof config.imageSize === 'number' ? [config.imageSize, config.imageSize] : (config.imageSize ?? [header.height, header.width]);
    return { target: { height, width, channels: config.channels ?? header.channels }, first: rel };
  }
  if (config.onBadFile === 'error') readImage(root, files[0], 'error', emptyDropped()); // throws, naming the first file
  throw new InputError(`none of the ${images(files.length)} could be read (first: ${firstError}); check that they are valid PNG or JPEG files`, { file: root });
}

function allocate(path: string, length: number): Float32Array {
  try {
    return new Float32Array(length);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new InputError(`not enough memory for ${formatBytes(length * 4)} of images; ${IMAGES_HINT}`, { file: path });
  }
}

/** Decodes one file; a bad one is either counted in `dropped` (returns undefined) or an InputError. */
export function readImage(root: string, rel: string, onBadFile: ImageFolderConfig['onBadFile'], dropped: Dataset['dropped']): DecodedImage | undefined {
  const file = join(root, rel);
  let reason = 'unreadable file';
  try {
    const bytes = readRegularFile(file, 'image file');
    reason = 'corrupt image';
    return decodeImage(bytes);
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(`${file}: `, '') : String(error);
    if (error instanceof ImageTooLargeError) reason = `image larger than ${MAX_IMAGE_PIXELS / 1e6} megapixels`;
    if (onBadFile === 'error') {
      const what = reason === 'corrupt image' ? 'cannot decode image: ' : reason === 'unreadable file' ? 'cannot read file: ' : '';
      throw new InputError(`${what}${message}; fix or remove the file, or set data.onBadFile to "skip"`, { file });
    }
    dropped.count++;
    dropped.reasons[reason] = (dropped.reasons[reason] ?? 0) + 1;
    dropped.files.push(rel);
    return undefined;
  }
}

/** Labels from the top-level sub-folder of each file; none when all images lie directly in the folder. */
export function folderLabels(files: string[], notes: string[]): Pick<Dataset, 'labels' | 'labelNames'> {
  const classOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : ROOT_LABEL);
  if (!files.some((rel) => rel.includes('/'))) return {};
  const labelNames = [...new Set(files.map(classOf))].sort(compareCodePoints);
  if (labelNames.length > MAX_CLASSES) {
    // Labels only colour plots; sub-folders may just organise the files, so train without them rather than refuse.
    notes.push(`the ${labelNames.length} sub-folders are not used as labels: that is more than the ${MAX_CLASSES} classes supported`);
    return {};
  }
  const ids = new Map(labelNames.map((name, i) => [name, i]));
  return { labels: Int32Array.from(files, (rel) => ids.get(classOf(rel))!), labelNames };
}

function describeConversions(counts: { resized: number; toGray: number; toRgb: number; alpha: number }, target: TargetShape, config: ImageFolderConfig, first: string): string[] {
  const notes: string[] = [];
  const size = `${target.width}x${target.height} (width x height)`;
  if (counts.resized > 0) {
    notes.push(`resized ${images(counts.resized)} to ${size}, ${config.imageSize ? 'as data.imageSize asks' : `the size of the first image, ${first}`}`);
  }
  const why = config.channels ? 'data.channels' : `the first image, ${first}`;
  if (counts.toGray > 0) notes.push(`converted ${images(counts.toGray, 'colour image')} to grayscale to match ${why}`);
  if (counts.toRgb > 0) notes.push(`converted ${images(counts.toRgb, 'grayscale image')} to RGB to match ${why}`);
  if (counts.alpha > 0) notes.push(`ignored the alpha channel of ${images(counts.alpha)}`);
  return notes;
}

export function images(n: number, noun = 'image'): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
