// Runs a run's models over its training samples in batches (in memory or streamed from disk), for what the run keeps
// at its end: the anomaly threshold and the codes for search.
import { sampleSize, type Dataset } from '../data/dataset';
import { fillBatch } from '../data/validateSamples';
import type { TrainingConfig } from '../../protocol/experiment';
import { runBatch, type RunModels } from '../apply/runModels';
import { SeriesErrorCollector } from '../apply/seriesErrors';
import type { PointAggregate } from '../../protocol/series';

const BATCH = 256;

export interface TrainingSetPass {
  codes: Float32Array;
  errors: Float32Array;
  count: number;
  /** A time series: one error per point of the series (NaN outside the training part), made by `aggregate`. */
  pointErrors?: Float32Array;
}

export function passOverTrainingSet(models: RunModels, train: Dataset, loss: TrainingConfig['loss'], aggregate: PointAggregate = 'mean'): TrainingSetPass {
  const size = sampleSize(train);
  const order = Int32Array.from({ length: train.count }, (_, i) => i);
  const codes = new Float32Array(train.count * models.latentDim);
  const errors = new Float32Array(train.count);
  const buffer = new Float32Array(BATCH * size);
  const series = train.series && new SeriesErrorCollector(train.series, loss);
  for (let start = 0; start < train.count; start += BATCH) {
    const rows = Math.min(BATCH, train.count - start);
    fillBatch(train, order, start, rows, buffer);
    const result = runBatch(models, buffer.subarray(0, rows * size), [rows, ...train.sampleShape], loss);
    codes.set(result.codes, start * models.latentDim);
    errors.set(result.errors, start);
    series?.add(start, rows, buffer, result.reconstructions);
  }
  return { codes, errors, count: train.count, pointErrors: series?.pointErrors(aggregate) };
}
