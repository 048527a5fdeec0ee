// Drops samples with non-finite or out-of-range values, counting why, so one bad row cannot poison training.
import type { Dataset } from './dataset';
import { sampleSize } from './dataset';

export interface ValueRange {
  min: number;
  max: number;
}

export function dropInvalidSamples(dataset: Dataset, range?: ValueRange): Dataset {
  const size = sampleSize(dataset);
  const keep: number[] = [];
  const reasons = { ...dataset.dropped.reasons };
  for (let n = 0; n < dataset.count; n++) {
    const reason = invalidReason(dataset.x, n * size, size, range);
    if (reason) reasons[reason] = (reasons[reason] ?? 0) + 1;
    else keep.push(n);
  }
  if (keep.length === dataset.count) return dataset;
  const droppedNow = dataset.count - keep.length;
  return {
    ...selectSamples(dataset, keep),
    dropped: { ...dataset.dropped, count: dataset.dropped.count + droppedNow, reasons },
  };
}

function invalidReason(x: Float32Array, start: number, size: number, range?: ValueRange): string | undefined {
  for (let i = start; i < start + size; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN value' : 'infinite value';
    if (range && (v < range.min || v > range.max)) return `value outside [${range.min}, ${range.max}]`;
  }
  return undefined;
}

/** A new dataset holding the given samples, in the given order. */
export function selectSamples(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  const size = sampleSize(dataset);
  const x = new Float32Array(indices.length * size);
  for (let i = 0; i < indices.length; i++) x.set(dataset.x.subarray(indices[i] * size, (indices[i] + 1) * size), i * size);
  return {
    ...dataset,
    x,
    count: indices.length,
    labels: dataset.labels ? Int32Array.from(indices, (i) => dataset.labels![i]) : undefined,
    sourceNames: dataset.sourceNames ? Array.from(indices, (i) => dataset.sourceNames![i]) : undefined,
  };
}
