// Seeded shuffle, optional limit, and train/validation split.
import seedrandom from 'seedrandom';
import type { Dataset } from './dataset';
import { seriesCut } from './timeseries';
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
  if (dataset.series) return splitByTime(dataset, validationSplit, seed, limit);
  const order = seededPermutation(dataset.count, seed);
  const used = limit ? order.subarray(0, Math.min(limit, dataset.count)) : order;
  const validationCount = Math.round(used.length * validationSplit);
  return {
    train: selectSamples(dataset, used.subarray(validationCount)),
    validation: materialize(selectSamples(dataset, used.subarray(0, validationCount))),
  };
}

/**
 * A time series is split at the cut its loader fitted the normalisation on (seriesCut): windows before it train,
 * windows after it validate, each in time order (training batches are shuffled by the loop). data.limit keeps a
 * seeded subset of each part, in proportion.
 */
function splitByTime(dataset: Dataset, validationSplit: number, seed: number, limit?: number): SplitDataset {
  const { times, starts } = dataset.series!;
  const cut = seriesCut(times.length, validationSplit);
  const train: number[] = [];
  const validation: number[] = [];
  starts.forEach((start, i) => (start < cut ? train : validation).push(i));
  const validationKept = limit ? Math.min(validation.length, Math.round(Math.min(limit, dataset.count) * validationSplit)) : validation.length;
  const trainKept = limit ? Math.min(train.length, Math.min(limit, dataset.count) - validationKept) : train.length;
  return {
    train: selectSamples(dataset, seededSubset(train, trainKept, seed)),
    validation: selectSamples(dataset, seededSubset(validation, validationKept, seed)),
  };
}

/** `keep` of `indices` chosen by a seeded shuffle, back in their original (time) order. */
function seededSubset(indices: number[], keep: number, seed: number): number[] {
  if (keep >= indices.length) return indices;
  const order = seededPermutation(indices.length, seed).subarray(0, keep);
  return Array.from(order)
    .sort((a, b) => a - b)
    .map((i) => indices[i]);
}
