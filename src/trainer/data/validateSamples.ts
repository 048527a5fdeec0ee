// Drops samples with non-finite or out-of-range values, counting why, so one bad row cannot poison training.
import type { Dataset } from './dataset';
import { sampleSize } from './dataset';

export interface ValueRange {
  min: number;
  max: number;
}

export function dropInvalidSamples(dataset: Dataset, range?: ValueRange): Dataset {
  if (dataset.stream) return dataset; // decoded images are always finite and in range
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
  const picked = Int32Array.from(indices);
  const parent = dataset.stream;
  let x = new Float32Array(0);
  if (!parent) {
    x = new Float32Array(picked.length * size);
    for (let i = 0; i < picked.length; i++) x.set(dataset.x.subarray(picked[i] * size, (picked[i] + 1) * size), i * size);
  }
  return {
    ...dataset,
    x,
    stream: parent ? { read: (index, out) => parent.read(picked[index], out) } : undefined,
    count: indices.length,
    labels: dataset.labels ? Int32Array.from(indices, (i) => dataset.labels![i]) : undefined,
    sourceNames: dataset.sourceNames ? Array.from(indices, (i) => dataset.sourceNames![i]) : undefined,
    // A time series' windows keep their place in it.
    series: dataset.series ? { ...dataset.series, starts: Int32Array.from(indices, (i) => dataset.series!.starts[i]) } : undefined,
  };
}

/** Reads a streamed dataset into memory (validation sets and analysis subsets are small enough). */
export function materialize(dataset: Dataset): Dataset {
  if (!dataset.stream) return dataset;
  const size = sampleSize(dataset);
  const x = new Float32Array(dataset.count * size);
  for (let i = 0; i < dataset.count; i++) dataset.stream.read(i, x.subarray(i * size, (i + 1) * size));
  return { ...dataset, x, stream: undefined };
}

/** Copies the samples order[start .. start+rows) into `out`, from memory or from the stream. */
export function fillBatch(dataset: Dataset, order: ArrayLike<number>, start: number, rows: number, out: Float32Array): void {
  const size = sampleSize(dataset);
  for (let i = 0; i < rows; i++) {
    const index = order[start + i];
    if (dataset.stream) dataset.stream.read(index, out.subarray(i * size, (i + 1) * size));
    else out.set(dataset.x.subarray(index * size, (index + 1) * size), i * size);
  }
}
