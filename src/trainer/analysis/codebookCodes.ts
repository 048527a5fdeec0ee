// The Generate view's data for codebook kinds (vq-vae): the code grids of the first validation samples, the codebook,
// and how often each code occurs in the validation set's grids (the Sample button draws from the used ones).
import * as tf from '@tensorflow/tfjs';
import type { TrainerMessageOf } from '../../protocol/trainerMessages';
import type { Dataset } from '../data/dataset';
import { samplesTensor } from '../data/samplesTensor';
import type { Autoencoder } from '../models/types';
import { findVectorQuantizer } from '../models/vectorQuantizer';

/** Samples whose grids the view can edit. */
export const CODEBOOK_SAMPLES = 16;
/** Validation samples counted for the usage (batches of BATCH). */
const USAGE_SAMPLES = 2000;
const BATCH = 500;

export function codebookMessage(autoencoder: Autoencoder, validation: Dataset, epoch: number): TrainerMessageOf<'codebook'> | undefined {
  const quantizer = findVectorQuantizer(autoencoder.decoder);
  if (!quantizer || validation.count === 0) return undefined;
  const [, rows, cols, dim] = autoencoder.decoder.inputs[0].shape as number[];
  const cells = rows * cols;
  const usage = new Array<number>(quantizer.codebookSize).fill(0);
  const codes: number[][] = [];
  const counted = Math.min(validation.count, USAGE_SAMPLES);
  for (let start = 0; start < counted; start += BATCH) {
    const size = Math.min(BATCH, counted - start);
    const indices = tf.tidy(() => quantizer.codes(autoencoder.encoder.predict(samplesTensor(validation, start, size)) as tf.Tensor).dataSync());
    indices.forEach((code) => usage[code]++);
    for (let i = 0; i < size && codes.length < CODEBOOK_SAMPLES; i++) codes.push(Array.from(indices.subarray(i * cells, (i + 1) * cells)));
  }
  const vectors = quantizer.codebook.dataSync() as Float32Array;
  return { type: 'codebook', epoch, grid: [rows, cols], dim, vectors: Float32Array.from(vectors), codes, usage };
}
