// Turns a .npy array into a Dataset: (N, D) is a table, (N, H, W) grayscale images, (N, H, W, C) images.
import { basename } from 'node:path';
import type { DataConfig } from '../../protocol/experiment';
import { InputError } from '../../protocol/errors';
import { emptyDropped, type Dataset } from './dataset';
import { normalizeFeatures, resolveNormalization, type NormalizationRequest } from './normalizeFeatures';
import { formatShape, readNpyFile } from './npy';

export type NpyConfig = Pick<DataConfig, 'normalization'>;

const SUPPORTED_SHAPES = '(N, D) for a table, (N, H, W) for grayscale images, (N, H, W, C) for images with C = 1 or 3';

export function loadNpyDataset(file: string, config: NpyConfig): Dataset {
  const array = readNpyFile(file);
  const [count, ...sampleDims] = array.shape;
  const rank = array.shape.length;
  if (rank < 2 || rank > 4 || (rank === 4 && sampleDims[2] !== 1 && sampleDims[2] !== 3)) {
    throw new InputError(`array has shape ${formatShape(array.shape)} (rank ${rank}); supported shapes are ${SUPPORTED_SHAPES}`, { file });
  }
  if (array.shape.some((n) => n === 0)) throw new InputError(`array has shape ${formatShape(array.shape)}, which holds no values`, { file });

  const isImage = rank >= 3;
  const sampleShape = rank === 3 ? [...sampleDims, 1] : sampleDims;
  const x = array.data instanceof Float32Array ? array.data : Float32Array.from(array.data);
  // "auto": uint8 pixels become [0, 1]; float images are taken as they are (fitToLoss scales them for bce if they
  // are outside [0, 1]); tables are min-max scaled.
  const auto: NormalizationRequest = !isImage ? { kind: 'minmax' } : array.descr === '|u1' ? { kind: 'scale', divisor: 255 } : { kind: 'none' };
  const size = sampleShape.reduce((a, b) => a * b, 1);
  const normalization = normalizeFeatures(x, count, size, resolveNormalization(config.normalization, auto));
  const name = basename(file);
  return {
    x,
    count,
    sampleShape,
    sourceNames: Array.from({ length: count }, (_, i) => `${name} #${i}`), // the index into the saved array
    normalization,
    dropped: emptyDropped(),
    notes: [`read ${isImage ? 'images' : 'a table'} of shape ${formatShape(array.shape)}, dtype '${array.descr}'`],
  };
}
