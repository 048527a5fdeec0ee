// Seeded shuffle, optional limit, and train/validation split.
import seedrandom from 'seedrandom';
import type { Dataset } from './dataset';
import { materialize, selectSamples } from './validateSamples';

export interface SplitDataset {
  train: Dataset;
  validation: Dataset;
}

export function seededPermutation(count: number, seed: number): Int32Array {
  const random = seedrandom(String(seed));
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

export function splitDataset(dataset: Dataset, validationSplit: number, seed: number, limit?: number): SplitDataset {
  const order = seededPermutation(dataset.count, seed);
  const used = limit ? order.subarray(0, Math.min(limit, dataset.count)) : order;
  const validationCount = Math.round(used.length * validationSplit);
  return {
    train: selectSamples(dataset, used.subarray(validationCount)),
    validation: materialize(selectSamples(dataset, used.subarray(0, validationCount))),
  };
}
