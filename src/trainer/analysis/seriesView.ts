// The Series view's data after each epoch, for runs on a time series: the series in the user's units, the model's
// reconstruction mapped back to time points, each point's error, the run's threshold on point errors and the spans
// above it. Every window is reconstructed (a forward pass costs less than the epoch that just trained on them), in
// batches, each inside tf.tidy.
import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';
import { flaggedSpans, pointErrors, PointMeans, type PointAggregate, type SeriesLayout } from '../../protocol/series';
import { MAX_SERIES_POINTS, type TrainerMessageOf } from '../../protocol/trainerMessages';
import { runThreshold } from '../apply/runThreshold';
import { windowPointErrors } from '../apply/seriesErrors';
import { sampleSize, type Dataset, type Normalization } from '../data/dataset';
import { samplesTensor } from '../data/samplesTensor';
import type { Autoencoder } from '../models/types';
import { denormalize } from './displayValues';

const BATCH = 500;

/** One dataset's windows: their per-point errors and starts in the whole series' point indices. */
interface PartErrors {
  windowPointErrors: Float32Array;
  starts: Int32Array;
}

/** Each point's user-unit values and reconstructions: means over the windows covering it. */
interface PointSeries {
  values: PointMeans;
  reconstruction: PointMeans;
}

/**
 * The whole series both datasets come from. A loader may give both parts the same `times` (starts index the whole
 * series) or each part its own (the validation part's times follow the training part's).
 */
function wholeSeries(train: SeriesLayout, validation: Dataset): { times: string[]; validationOffset: number | null; validationStart: number | null } {
  const tail = validation.count > 0 ? validation.series : undefined;
  if (!tail) return { times: train.times, validationOffset: null, validationStart: null };
  if (sameTimes(train.times, tail.times)) return { times: train.times, validationOffset: 0, validationStart: tail.starts.reduce((a, b) => Math.min(a, b), train.times.length) };
  return { times: [...train.times, ...tail.times], validationOffset: train.times.length, validationStart: train.times.length };
}

function sameTimes(a: string[], b: string[]): boolean {
  return a === b || (a.length === b.length && a.every((t, i) => t === b[i]));
}

/** How many values per sample the normalisation's statistics cover: per channel, or per value of a window. */
function statisticsWidth(normalization: Normalization, channels: number): number {
  const width = normalization.kind === 'zscore' ? normalization.mean.length : normalization.kind === 'minmax' ? normalization.min.length : channels;
  return width > 0 ? width : channels;
}

/** Reconstructs every window of `dataset`, adds them to `sums` in user units, and returns their per-point errors. */
function reconstructWindows(autoencoder: Autoencoder, dataset: Dataset, layout: SeriesLayout, offset: number, sums: PointSeries, loss: TrainingConfig['loss'], normalization: Normalization): PartErrors {
  const { window } = layout;
  const channels = sums.values.channels;
  const size = sampleSize(dataset);
  const width = statisticsWidth(normalization, channels);
  const errors = new Float32Array(dataset.count * window);
  const starts = Int32Array.from(layout.starts.subarray(0, dataset.count), (s) => s + offset);
  for (let first = 0; first < dataset.count; first += BATCH) {
    const rows = Math.min(BATCH, dataset.count - first);
    const output = tf.tidy(() => autoencoder.reconstruct(samplesTensor(dataset, first, rows)).dataSync() as Float32Array);
    const input = dataset.x.subarray(first * size, (first + rows) * size);
    // The same point errors as the run's threshold and `aelab score` (apply/seriesErrors.ts).
    errors.set(windowPointErrors(input, output, rows, window, channels, loss), first * window);
    const values = denormalize(input, width, normalization);
    const reconstruction = denormalize(output, width, normalization);
    for (let r = 0; r < rows; r++) {
      sums.values.add(starts[first + r], window, values, r * size);
      sums.reconstruction.add(starts[first + r], window, reconstruction, r * size);
    }
  }
  return { windowPointErrors: errors, starts };
}

/** The run's threshold rule (runThreshold) on the training part's point errors; null when none is finite. */
export function trainingPointThreshold(train: PartErrors, window: number, points: number, aggregate: PointAggregate): number | null {
  return runThreshold(pointErrors(train.windowPointErrors, train.starts, window, points, aggregate))?.value ?? null;
}

function joinParts(parts: PartErrors[]): PartErrors {
  const windowPointErrors = new Float32Array(parts.reduce((n, p) => n + p.windowPointErrors.length, 0));
  const starts = new Int32Array(parts.reduce((n, p) => n + p.starts.length, 0));
  let errorsAt = 0;
  let startsAt = 0;
  for (const part of parts) {
    windowPointErrors.set(part.windowPointErrors, errorsAt);
    starts.set(part.starts, startsAt);
    errorsAt += part.windowPointErrors.length;
    startsAt += part.starts.length;
  }
  return { windowPointErrors, starts };
}

/**
 * The 'series' message, or undefined when the training data is not a time series, is streamed, or the kind needs
 * labels to reconstruct (a series has none).
 */
export function seriesMessage(autoencoder: Autoencoder, train: Dataset, validation: Dataset, epoch: number, training: TrainingConfig, aggregate: PointAggregate = 'mean'): TrainerMessageOf<'series'> | undefined {
  const layout = train.series;
  if (!layout || train.stream || validation.stream || train.count === 0 || autoencoder.conditional) return undefined;
  const { times, validationOffset, validationStart } = wholeSeries(layout, validation);
  const points = times.length;
  const channels = layout.columns.length;
  const sums: PointSeries = { values: new PointMeans(points, channels), reconstruction: new PointMeans(points, channels) };
  const trainPart = reconstructWindows(autoencoder, train, layout, 0, sums, training.loss, train.normalization);
  const parts = [trainPart];
  if (validation.series && validationOffset !== null) parts.push(reconstructWindows(autoencoder, validation, validation.series, validationOffset, sums, training.loss, train.normalization));
  const all = joinParts(parts);
  const errors = pointErrors(all.windowPointErrors, all.starts, layout.window, points, aggregate);
  const threshold = trainingPointThreshold(trainPart, layout.window, points, aggregate);
  // The newest points are kept: that is where a live series' news is.
  const first = Math.max(0, points - MAX_SERIES_POINTS);
  const shownErrors = errors.slice(first);
  return {
    type: 'series',
    epoch,
    columns: layout.columns,
    times: times.slice(first),
    values: layout.columns.map((_, c) => sums.values.column(c, first)),
    reconstruction: layout.columns.map((_, c) => sums.reconstruction.column(c, first)),
    errors: shownErrors,
    aggregate,
    threshold,
    spans: threshold === null ? [] : flaggedSpans(shownErrors, threshold),
    validationStart: validationStart === null ? null : Math.max(0, validationStart - first),
  };
}
