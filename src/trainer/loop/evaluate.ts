// Loss on a held-out set, in batches, without gradients. Denoising kinds see a fixed corruption so values are comparable.
import * as tf from '@tensorflow/tfjs';
import { samplesTensor } from '../data/samplesTensor';
import type { TrainingConfig } from '../../protocol/experiment';
import type { Dataset } from '../data/dataset';
import { labelsTensor } from '../models/conditioning';
import type { Autoencoder } from '../models/types';

const EVAL_BATCH = 1024;
const EVAL_NOISE_SEED = 12345;

export interface Evaluation {
  loss: number;
  components: Record<string, number>;
}

export function evaluate(autoencoder: Autoencoder, dataset: Dataset, training: TrainingConfig): Evaluation | undefined {
  if (dataset.count === 0) return undefined;
  let loss = 0;
  const components: Record<string, number> = {};
  for (let start = 0; start < dataset.count; start += EVAL_BATCH) {
    const rows = Math.min(EVAL_BATCH, dataset.count - start);
    const parts = tf.tidy(() => {
      const clean = samplesTensor(dataset, start, rows);
      const input = autoencoder.corrupt ? autoencoder.corrupt(clean, EVAL_NOISE_SEED + training.seed + start) : clean;
      const { total, components: named } = autoencoder.loss(input, clean, false, autoencoder.conditional ? labelsTensor(dataset.labels, start, rows) : undefined);
      const names = Object.keys(named);
      const values = tf.stack([total, ...names.map((n) => named[n])]).dataSync();
      return { names, values };
    });
    loss += parts.values[0] * rows;
    parts.names.forEach((name, i) => (components[name] = (components[name] ?? 0) + parts.values[i + 1] * rows));
  }
  const mean = (v: number) => Math.round((v / dataset.count) * 1e6) / 1e6;
  return { loss: mean(loss), components: Object.fromEntries(Object.entries(components).map(([k, v]) => [k, mean(v)])) };
}
