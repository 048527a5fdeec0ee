// What new data must look like to go through a run's model, from the dataset it trained on (data.json's "input").
import type { InputSpec } from '../../runs/dataFile';
import type { PointAggregate } from '../../protocol/series';
import { denormalize } from '../analysis/displayValues';
import { isImageShape, sampleSize, type Dataset } from '../data/dataset';

/** Undefined for shapes that new data cannot be brought to (e.g. images with 2 or 4 channels). */
export function inputSpecOf(dataset: Dataset, aggregate: PointAggregate = 'mean'): InputSpec | undefined {
  const shape = dataset.sampleShape;
  if (dataset.series) {
    const { columns, window, stride } = dataset.series;
    return { kind: 'series', columns, timeColumn: dataset.timeColumnName ?? null, window, stride, aggregate, header: dataset.seriesHeader };
  }
  if (isImageShape(shape)) {
    const [height, width, channels] = shape;
    return channels === 1 || channels === 3 ? { kind: 'images', height, width, channels, resize: 'bilinear', pixelRange: pixelRange(dataset) } : undefined;
  }
  if (shape.length !== 1) return undefined;
  const columns = dataset.columnNames ?? Array.from({ length: shape[0] }, (_, i) => String(i));
  return { kind: 'table', columns, labelColumn: dataset.labelColumnName ?? null };
}

/** "0-1" when the data, before normalisation, never exceeds 1 (a float array of intensities); else 8-bit values. */
function pixelRange(dataset: Dataset): '0-255' | '0-1' {
  if (dataset.stream) return '0-255'; // streamed folders decode 8-bit image files
  const size = sampleSize(dataset);
  const chunk = size * 1024; // whole samples, so per-value statistics stay aligned
  let max = -Infinity;
  for (let start = 0; start < dataset.x.length; start += chunk) {
    for (const v of denormalize(dataset.x.subarray(start, start + chunk), size, dataset.normalization)) if (v > max) max = v;
  }
  return max <= 1 + 1e-6 ? '0-1' : '0-255';
}
