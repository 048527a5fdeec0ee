// The Series view's fixture from real data until the timeseries loader can record it through dist/trainer.js: six
// summer weeks of vega-datasets' Seattle hourly weather normals, with a 12-hour heat anomaly injected in the validation
// tail, cut into windows and z-scored on the training part as the loader does, a small dense autoencoder trained on
// them with the trainer's own loop, and the trainer's own series message after each epoch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { experimentSchema } from '../../src/protocol/experiment';
import type { TrainerMessageOf } from '../../src/protocol/trainerMessages';
import { seriesMessage } from '../../src/trainer/analysis/seriesView';
import { emptyDropped, type Dataset } from '../../src/trainer/data/dataset';
import { createOptimizer } from '../../src/trainer/loop/optimizer';
import { trainLoop } from '../../src/trainer/loop/trainLoop';
import { buildAutoencoder } from '../../src/trainer/models/buildAutoencoder';

// Not pressure: over these weeks it drifts by a training standard deviation, which would flag the whole tail.
const COLUMNS = ['temperature', 'wind'];
/** Hourly rows from mid-July on: high summer holds its level, so the validation tail is like the training part. */
const FIRST_ROW = 4560;
const POINTS = 1000;
const VALIDATION_SPLIT = 0.2;
const WINDOW = 24;
const STRIDE = 2;
/** Where the injected anomaly starts (a validation point) and by how many degrees it warms 12 hours. */
export const ANOMALY = { start: 900, hours: 12, degrees: 8 };

export const EXPERIMENT = experimentSchema.parse({
  name: 'series-weather',
  kind: 'deep',
  data: { source: 'seattle-weather-hourly-normals.csv', validationSplit: VALIDATION_SPLIT },
  model: { hidden: [32], latentDim: 6, outputActivation: 'linear' },
  training: { epochs: 25, batchSize: 32, learningRate: 0.005, loss: 'mse', seed: 42 },
});

function readWeather(root: string): { times: string[]; rows: number[][] } {
  // vega-datasets exports no data paths: read the file from the installed package.
  const file = join(root, 'node_modules/vega-datasets/data/seattle-weather-hourly-normals.csv');
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const picks = COLUMNS.map((name) => header.indexOf(name));
  const body = lines.slice(1 + FIRST_ROW, 1 + FIRST_ROW + POINTS).map((line) => line.split(','));
  return { times: body.map((cells) => cells[0]), rows: body.map((cells) => picks.map((i) => Number(cells[i]))) };
}

function windows(rows: number[][], from: number, to: number, stats: { mean: number[]; std: number[] }, times: string[]): Dataset {
  const starts: number[] = [];
  for (let s = from; s + WINDOW <= to; s += STRIDE) starts.push(s);
  const channels = COLUMNS.length;
  const x = new Float32Array(starts.length * WINDOW * channels);
  starts.forEach((start, w) => {
    for (let j = 0; j < WINDOW; j++) for (let c = 0; c < channels; c++) x[(w * WINDOW + j) * channels + c] = (rows[start + j][c] - stats.mean[c]) / stats.std[c];
  });
  return {
    x,
    count: starts.length,
    sampleShape: [WINDOW, channels],
    series: { times, columns: COLUMNS, window: WINDOW, stride: STRIDE, starts: Int32Array.from(starts) },
    normalization: { kind: 'zscore', ...stats },
    dropped: emptyDropped(),
    notes: [],
  };
}

export async function recordWeatherSeries(root: string): Promise<TrainerMessageOf<'series'>[]> {
  await tf.setBackend('cpu');
  const { times, rows } = readWeather(root);
  for (let p = ANOMALY.start; p < ANOMALY.start + ANOMALY.hours; p++) rows[p][COLUMNS.indexOf('temperature')] += ANOMALY.degrees;
  const cut = Math.round(POINTS * (1 - VALIDATION_SPLIT));
  const mean = COLUMNS.map((_, c) => rows.slice(0, cut).reduce((s, r) => s + r[c], 0) / cut);
  const std = COLUMNS.map((_, c) => Math.sqrt(rows.slice(0, cut).reduce((s, r) => s + (r[c] - mean[c]) ** 2, 0) / cut));
  const train = windows(rows, 0, cut, { mean, std }, times);
  const validation = windows(rows, cut, POINTS, { mean, std }, times);
  const autoencoder = buildAutoencoder(EXPERIMENT, train.sampleShape);
  const messages: TrainerMessageOf<'series'>[] = [];
  await trainLoop({
    autoencoder,
    optimizer: createOptimizer(EXPERIMENT.training),
    train,
    validation,
    training: EXPERIMENT.training,
    epochs: EXPERIMENT.training.epochs,
    shouldStop: () => false,
    onEpoch: (metrics) => {
      const message = seriesMessage(autoencoder, train, validation, metrics.epoch, EXPERIMENT.training);
      if (message) messages.push(message);
      console.log(`  epoch ${metrics.epoch}: loss ${metrics.loss} val ${metrics.val_loss}, ${message?.spans.length} spans`);
    },
  });
  return messages;
}
