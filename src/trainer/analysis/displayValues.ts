// Validation samples as the dashboard shows them: uint8 pixels for images, rows in original units for tables.
import type { Dataset, Normalization } from '../data/dataset';
import { isImageShape, sampleSize } from '../data/dataset';
import type { TrainerMessageOf } from '../../protocol/trainerMessages';

export const MAX_VIEW_SAMPLES = 10_000;

export function validationSamplesMessage(dataset: Dataset): TrainerMessageOf<'validationSamples'> {
  const count = Math.min(dataset.count, MAX_VIEW_SAMPLES);
  const size = sampleSize(dataset);
  const slice = dataset.x.subarray(0, count * size);
  const values = isImageShape(dataset.sampleShape) ? toPixels(slice) : denormalize(slice, size, dataset.normalization);
  return {
    type: 'validationSamples',
    sampleShape: dataset.sampleShape,
    count,
    values,
    labels: dataset.labels?.slice(0, count),
    labelNames: dataset.labelNames,
    sourceNames: dataset.sourceNames?.slice(0, count),
  };
}

/** Model values in [0, 1] as the uint8 pixels every image view draws (also the reconstruction history's frames). */
export function toPixels(values: Float32Array): Uint8Array {
  const pixels = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) pixels[i] = Math.round(Math.min(1, Math.max(0, values[i])) * 255);
  return pixels;
}

/** Inverts the saved normalisation so tables show the user's own units. */
export function denormalize(values: Float32Array, features: number, normalization: Normalization): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const f = i % features;
    const v = values[i];
    switch (normalization.kind) {
      case 'minmax':
        out[i] = normalization.min[f] + v * (normalization.max[f] - normalization.min[f]);
        break;
      case 'zscore':
        out[i] = normalization.mean[f] + v * normalization.std[f];
        break;
      case 'scale':
        out[i] = v * normalization.divisor;
        break;
      default:
        out[i] = v;
    }
  }
  return out;
}
