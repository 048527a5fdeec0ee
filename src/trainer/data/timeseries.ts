// data.format "timeseries": a CSV series cut into windows of [window, channels]. The split is by time and decided
// here, because the normalisation must be fitted on the training part only: the first points up to the cut train,
// the last data.validationSplit fraction validates, and no window crosses the cut. split.ts splits such a dataset
// at the same cut (seriesCut), never by shuffling.
import type { DataConfig } from '../../protocol/experiment';
import { InputError } from '../../protocol/errors';
import { toRunScale } from '../apply/runScale';
import { emptyDropped, type Dataset, type Normalization } from './dataset';
import { FILE_HINT, MEMORY_BUDGET_BYTES, refuseIfTooLarge } from './memoryBudget';
import { normalizeFeatures, resolveNormalization } from './normalizeFeatures';
import { readSeriesTable, type SeriesTableConfig } from './seriesTable';

export type TimeseriesConfig = SeriesTableConfig & Pick<DataConfig, 'window' | 'stride' | 'normalization' | 'validationSplit'>;

/** keras.io's "Timeseries anomaly detection" window (one day of 5-minute readings). */
export const DEFAULT_WINDOW = 288;

/** The first point of the validation part: the last `validationSplit` fraction of the points validates. */
export function seriesCut(points: number, validationSplit: number): number {
  return points - Math.round(points * validationSplit);
}

/** Starts of the windows of `window` points every `stride` points that fit in points [from, to). */
export function windowStarts(from: number, to: number, window: number, stride: number): number[] {
  const starts: number[] = [];
  for (let start = from; start + window <= to; start += stride) starts.push(start);
  return starts;
}

/** Copies the windows at `starts` out of points x channels values: count x window x channels, row-major. */
export function cutWindows(values: Float32Array, channels: number, starts: ArrayLike<number>, window: number): Float32Array {
  const size = window * channels;
  const x = new Float32Array(starts.length * size);
  for (let i = 0; i < starts.length; i++) x.set(values.subarray(starts[i] * channels, starts[i] * channels + size), i * size);
  return x;
}

export function loadTimeseriesDataset(file: string, config: TimeseriesConfig, maxBytes = MEMORY_BUDGET_BYTES): Dataset {
  const table = readSeriesTable(file, config, maxBytes);
  const { points, columns } = table;
  const channels = columns.length;
  const cut = seriesCut(points, config.validationSplit);
  const window = config.window ?? DEFAULT_WINDOW;
  const stride = config.stride;
  const windowField = config.window === undefined ? `data.window (default ${DEFAULT_WINDOW})` : `data.window ${window}`;
  if (cut < window) {
    throw new InputError(`the training part has ${cut} of the series' ${points} points, fewer than ${windowField}; set a smaller data.window${config.validationSplit > 0 ? ' or a smaller data.validationSplit' : ''}`, { file, field: 'data.window' });
  }
  const trainStarts = windowStarts(0, cut, window, stride);
  const validationStarts = windowStarts(cut, points, window, stride);
  if (cut < points && validationStarts.length === 0) {
    throw new InputError(`the validation part (the last ${points - cut} points, data.validationSplit ${config.validationSplit}) is shorter than ${windowField}; raise data.validationSplit, lower data.window, or set data.validationSplit to 0`, {
      file,
      field: 'data.validationSplit',
    });
  }
  const starts = Int32Array.from([...trainStarts, ...validationStarts]);
  refuseIfTooLarge({ what: `cutting ${starts.length} windows of ${window} x ${channels} values as float32`, bytes: starts.length * window * channels * 4, where: { file }, hint: `${FILE_HINT}, or raise data.stride`, maxBytes });

  // Statistics of the training points only, then applied to every window: the validation part stays unseen.
  const fitted = normalizeFeatures(table.values.slice(0, cut * channels), cut, channels, resolveNormalization(config.normalization, { kind: 'zscore' }));
  const normalization = perWindowValue(fitted, window);
  const x = cutWindows(table.values, channels, starts, window);
  toRunScale(x, normalization, window * channels);
  const time = table.timeColumn === null ? 'no time column (points are numbered by data row)' : `time column "${table.timeColumn}"`;
  return {
    x,
    count: starts.length,
    sampleShape: [window, channels],
    // A window is named by the time of its first point.
    sourceNames: Array.from(starts, (start) => table.times[start]),
    series: { times: table.times, columns, window, stride, starts },
    timeColumnName: table.timeColumn ?? undefined,
    seriesHeader: table.hasHeader,
    normalization,
    dropped: emptyDropped(),
    notes: [
      `read a series of ${points} points x ${channels} columns (${columns.join(', ')}), ${time}`,
      `${starts.length} windows of ${window} points every ${stride}: ${trainStarts.length} train on points 1-${cut}, ${validationStarts.length} validate on the last ${points - cut} points; ${fitted.kind} statistics fitted on the training part only`,
    ],
  };
}

/**
 * Per-channel statistics repeated for each point of a window: a window is one sample, and everything that maps a run's
 * values (apply, displays, data.json) reads statistics per value of a sample.
 */
export function perWindowValue(normalization: Normalization, window: number): Normalization {
  const repeat = (perChannel: number[]) => Array.from({ length: window }, () => perChannel).flat();
  switch (normalization.kind) {
    case 'none':
    case 'scale':
      return normalization;
    case 'minmax':
      return { kind: 'minmax', min: repeat(normalization.min), max: repeat(normalization.max) };
    case 'zscore':
      return { kind: 'zscore', mean: repeat(normalization.mean), std: repeat(normalization.std) };
  }
}
