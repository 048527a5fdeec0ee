// data.stream: an image folder that is listed up front but decoded batch by batch during training, so folders
// larger than memory train. Only the file list, labels and one sample buffer live in memory.
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../../protocol/errors';
import { emptyDropped, type Dataset } from './dataset';
import { fitImage } from './fitImage';
import { chooseTarget, evenlySpaced, folderLabels, images, readImage, type ImageFolderConfig } from './imageFolder';
import { listImageFiles } from './listImageFiles';

export function openStreamedImageFolder(path: string, config: ImageFolderConfig): Dataset {
  if (config.normalization === 'minmax' || config.normalization === 'zscore') {
    throw new InputError(`data.normalization "${config.normalization}" needs every image in memory; with data.stream use "auto" (divide by 255) or "none"`, {
      field: 'data.normalization',
    });
  }
  const isFolder = statSync(path).isDirectory();
  const root = isFolder ? path : dirname(path);
  const listing = listImageFiles(path);
  const files = evenlySpaced(listing.files, config.limit);
  const { target } = chooseTarget(root, files, config);
  const divisor = config.normalization === 'none' ? 1 : 255;
  const dropped = emptyDropped();
  const badFiles = new Set<string>();

  const read = (index: number, out: Float32Array) => {
    // A corrupt file found mid-training is replaced by the next readable one and named once in the log.
    for (let attempt = 0; attempt < files.length; attempt++) {
      const rel = files[(index + attempt) % files.length];
      if (badFiles.has(rel)) continue;
      const image = readImage(root, rel, config.onBadFile, dropped);
      if (!image) {
        badFiles.add(rel);
        continue;
      }
      fitImage(image, target, out);
      if (divisor !== 1) for (let i = 0; i < out.length; i++) out[i] /= divisor;
      return;
    }
    throw new InputError(`none of the ${images(files.length)} could be decoded`, { file: path });
  };

  return {
    x: new Float32Array(0),
    stream: { read },
    count: files.length,
    sampleShape: [target.height, target.width, target.channels],
    ...(isFolder ? folderLabels(files) : {}),
    sourceNames: files,
    normalization: divisor === 1 ? { kind: 'none' } : { kind: 'scale', divisor },
    dropped,
    notes: [...listing.notes, `streaming ${images(files.length)} of ${target.width}x${target.height}x${target.channels} from ${join(root)} batch by batch`],
  };
}
