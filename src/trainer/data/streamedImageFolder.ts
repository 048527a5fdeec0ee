// data.stream: an image folder that is listed up front but decoded batch by batch during training, so folders
// larger than memory train. Only the file list, labels and one sample buffer live in memory.
// Every file is decoded once before training (and its pixels dropped): a corrupt one is then skipped, counted and
// named in the run log like in memory, and each training slot maps to exactly one readable image. Finding a bad file
// mid-epoch instead would leave a slot to fill, and filling it with a neighbour trains that neighbour twice.
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../../protocol/errors';
import { emptyDropped, type Dataset } from './dataset';
import { fitImage } from './fitImage';
import { chooseTarget, evenlySpaced, folderLabels, images, readImage, type ImageFolderConfig } from './imageFolder';
import { listImageFiles } from './listImageFiles';

export async function openStreamedImageFolder(path: string, config: ImageFolderConfig): Promise<Dataset> {
  if (config.normalization === 'minmax' || config.normalization === 'zscore') {
    throw new InputError(`data.normalization "${config.normalization}" needs every image in memory; with data.stream use "auto" (divide by 255) or "none"`, {
      field: 'data.normalization',
    });
  }
  const isFolder = statSync(path).isDirectory();
  const root = isFolder ? path : dirname(path);
  const listing = listImageFiles(path);
  const notes = [...listing.notes];
  const listed = evenlySpaced(listing.files, config.limit);
  const { target } = chooseTarget(root, listed, config);
  const dropped = emptyDropped();
  const files: string[] = [];
  for (const rel of listed) {
    if (readImage(root, rel, config.onBadFile, dropped)) files.push(rel);
    if ((files.length + dropped.count) % 256 === 0) await new Promise((resolve) => setImmediate(resolve)); // let the trainer answer "stop"
  }
  if (files.length === 0) throw new InputError(`none of the ${images(listed.length)} could be decoded (skipped: ${dropped.files.slice(0, 5).join(', ')})`, { file: path });
  const divisor = config.normalization === 'none' ? 1 : 255;

  const read = (index: number, out: Float32Array) => {
    // Checked above; a file that fails now was changed during training, which stops the run naming it.
    const image = readImage(root, files[index], 'skip', emptyDropped());
    if (!image) throw new InputError('the image was readable when training started but cannot be decoded now; restore the file, or remove it and resume', { file: join(root, files[index]) });
    fitImage(image, target, out);
    if (divisor !== 1) for (let i = 0; i < out.length; i++) out[i] /= divisor;
  };

  return {
    x: new Float32Array(0),
    stream: { read },
    count: files.length,
    sampleShape: [target.height, target.width, target.channels],
    ...(isFolder ? folderLabels(files, notes) : {}),
    sourceNames: files,
    normalization: divisor === 1 ? { kind: 'none' } : { kind: 'scale', divisor },
    dropped,
    notes: [...notes, `streaming ${images(files.length)} of ${target.width}x${target.height}x${target.channels} from ${join(root)} batch by batch (each file was decoded once to check it)`],
  };
}
