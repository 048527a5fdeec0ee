// The first few held-out samples with their (corrupted) inputs and reconstructions, for the dashboard grid.
import * as tf from '@tensorflow/tfjs';
import { samplesTensor } from '../data/samplesTensor';
import type { Dataset } from '../data/dataset';
import { sampleSize } from '../data/dataset';
import { labelsTensor } from '../models/conditioning';
import type { Autoencoder } from '../models/types';
import type { TrainerMessageOf } from '../../protocol/trainerMessages';

export const PREVIEW_COUNT = 8;
const PREVIEW_NOISE_SEED = 777;

export function reconstructionSamples(autoencoder: Autoencoder, dataset: Dataset, epoch: number, seed: number): TrainerMessageOf<'reconstructions'> {
  const rows = Math.min(PREVIEW_COUNT, dataset.count);
  const size = sampleSize(dataset);
  const { noisy, outputs } = tf.tidy(() => {
    const clean = samplesTensor(dataset, 0, rows);
    const input = autoencoder.corrupt ? autoencoder.corrupt(clean, PREVIEW_NOISE_SEED + seed) : undefined;
    const output = autoencoder.reconstruct(input ?? clean, labelsTensor(dataset.labels, 0, rows));
    return { noisy: input?.dataSync() as Float32Array | undefined, outputs: output.dataSync() as Float32Array };
  });
  const split = (all: Float32Array) => Array.from({ length: rows }, (_, i) => all.slice(i * size, (i + 1) * size));
  return {
    type: 'reconstructions',
    epoch,
    sampleShape: dataset.sampleShape,
    inputs: split(dataset.x.subarray(0, rows * size) as Float32Array),
    noisy: noisy ? split(noisy) : undefined,
    outputs: split(outputs),
    labels: dataset.labels && dataset.labelNames ? Array.from(dataset.labels.subarray(0, rows), (l) => dataset.labelNames![l] ?? String(l)) : undefined,
  };
}
