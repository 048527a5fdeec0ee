// The samples an evaluation reads: at most evaluation.limit of a set, a seeded subsample (noted), held in memory so
// every metric sees the same rows; a streamed set is read from disk here, only the picked samples.
import { sampleSize, type Dataset } from '../data/dataset';
import { seededPermutation } from '../data/split';
import { materialize, selectSamples } from '../data/validateSamples';

/** Rows per forward pass of every evaluation step: a batch of large images stays small. */
export const EVALUATION_BATCH = 256;

export function evaluationSample(dataset: Dataset, limit: number, seed: number, what: string, notes: string[], setting = 'evaluation.limit'): Dataset {
  if (dataset.count <= limit) return materialize(dataset);
  // Kept in their original order: a streamed folder is then read front to back.
  const picked = seededPermutation(dataset.count, seed).subarray(0, limit).sort();
  notes.push(`${what}: a seeded subsample of ${limit} of its ${dataset.count} samples (${setting})`);
  return materialize(selectSamples(dataset, picked));
}

/** Whether every value is in [0, 1] (BCE, PSNR and SSIM need targets on that scale). */
export function inUnitRange(dataset: Dataset): boolean {
  const x = dataset.x;
  for (let i = 0; i < x.length; i++) if (!(x[i] >= 0 && x[i] <= 1)) return false;
  return true;
}

/** Rows [start, start + rows) of an in-memory set. */
export function rowsOf(dataset: Dataset, start: number, rows: number): Float32Array {
  const size = sampleSize(dataset);
  return dataset.x.subarray(start * size, (start + rows) * size);
}
