// The Series view's producer on a hand-made windowed series (the timeseries loader is not needed to test it): values
// come back in the data's own units, reconstructions and errors are the covering windows' means per point, the
// threshold is the run's rule on the training part's point errors, and no tensor is left behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import { percentile } from '../../../src/protocol/percentile';
import { flaggedSpans } from '../../../src/protocol/series';
import { MAX_SERIES_POINTS, trainerToHostSchema, type TrainerMessageOf, type TrainerToHost } from '../../../src/protocol/trainerMessages';
import { readViewSnapshot } from '../../../src/runs/viewFiles';
import { seriesMessage } from '../../../src/trainer/analysis/seriesView';
import { runThreshold } from '../../../src/trainer/apply/runThreshold';
import { SeriesErrorCollector } from '../../../src/trainer/apply/seriesErrors';
import { emptyDropped, type Dataset } from '../../../src/trainer/data/dataset';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import type { Autoencoder } from '../../../src/trainer/models/types';
import { startEpochViews } from '../../../src/trainer/run/epochViews';

const WINDOW = 12;
const CHANNELS = 2;
const experiment = experimentSchema.parse({
  name: 'series-view',
  kind: 'deep',
  data: { source: 'unused.csv' },
  model: { hidden: [16], latentDim: 4, outputActivation: 'linear' },
  training: { epochs: 1, batchSize: 32, loss: 'mse', seed: 5 },
});

/** Two columns in very different units, with a spike at `spikeAt` in column 1. */
function rawSeries(points: number, spikeAt: number): number[][] {
  return Array.from({ length: points }, (_, p) => [1000 + 50 * Math.sin(p / 7), -3 + 0.5 * Math.cos(p / 5) + (p === spikeAt ? 40 : 0)]);
}

/** Z-score statistics per column from the training points only, as the loader fits them. */
function zscoreOf(raw: number[][], trainPoints: number): { mean: number[]; std: number[] } {
  const mean = [0, 1].map((c) => raw.slice(0, trainPoints).reduce((s, row) => s + row[c], 0) / trainPoints);
  const std = [0, 1].map((c) => Math.sqrt(raw.slice(0, trainPoints).reduce((s, row) => s + (row[c] - mean[c]) ** 2, 0) / trainPoints));
  return { mean, std };
}

/** Windows starting at `starts`, normalised, in a Dataset carrying the series layout. */
function windowed(raw: number[][], starts: number[], times: string[], stats: { mean: number[]; std: number[] }): Dataset {
  const x = new Float32Array(starts.length * WINDOW * CHANNELS);
  starts.forEach((start, w) => {
    for (let j = 0; j < WINDOW; j++) for (let c = 0; c < CHANNELS; c++) x[(w * WINDOW + j) * CHANNELS + c] = (raw[start + j][c] - stats.mean[c]) / stats.std[c];
  });
  return {
    x,
    count: starts.length,
    sampleShape: [WINDOW, CHANNELS],
    series: { times, columns: ['temperature', 'pressure'], window: WINDOW, stride: 3, starts: Int32Array.from(starts) },
    normalization: { kind: 'zscore', ...stats },
    dropped: emptyDropped(),
    notes: [],
  };
}

function startsIn(from: number, to: number, stride: number): number[] {
  const starts: number[] = [];
  for (let s = from; s + WINDOW <= to; s += stride) starts.push(s);
  return starts;
}

/** Split by time: training windows in [0, cut), validation windows in [cut, points), both indexing the same times. */
function splitSeries(points: number, cut: number, spikeAt: number, stride = 3) {
  const raw = rawSeries(points, spikeAt);
  const times = Array.from({ length: points }, (_, p) => new Date(Date.UTC(2020, 0, 1, p)).toISOString());
  const stats = zscoreOf(raw, cut);
  // Shuffled training windows: the producer must follow starts, not sample order.
  const trainStarts = startsIn(0, cut, stride).reverse();
  return { raw, times, stats, train: windowed(raw, trainStarts, times, stats), validation: windowed(raw, startsIn(cut, points, stride), times, stats) };
}

/** Independent per-point means of the covering windows' reconstructions (user units) and squared errors (model units). */
function expectedPoints(autoencoder: Autoencoder, datasets: Dataset[], points: number, stats: { mean: number[]; std: number[] }) {
  const recon = Array.from({ length: points }, () => [0, 0]);
  const error = new Array<number>(points).fill(0);
  const covered = new Array<number>(points).fill(0);
  for (const dataset of datasets) {
    const output = tf.tidy(() => autoencoder.reconstruct(tf.tensor(dataset.x, [dataset.count, WINDOW, CHANNELS])).arraySync() as number[][][]);
    dataset.series!.starts.forEach((start, w) => {
      for (let j = 0; j < WINDOW; j++) {
        const p = start + j;
        covered[p]++;
        let squared = 0;
        for (let c = 0; c < CHANNELS; c++) {
          recon[p][c] += output[w][j][c] * stats.std[c] + stats.mean[c];
          squared += (output[w][j][c] - dataset.x[(w * WINDOW + j) * CHANNELS + c]) ** 2;
        }
        error[p] += squared / CHANNELS;
      }
    });
  }
  return { covered, recon: recon.map((r, p) => r.map((v) => v / covered[p])), error: error.map((e, p) => e / covered[p]) };
}

describe('the series view producer', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('returns the series in its own units with the reconstruction, point errors, threshold and spans', () => {
    const points = 300;
    const cut = 240;
    const spikeAt = 270;
    const { raw, times, stats, train, validation } = splitSeries(points, cut, spikeAt);
    const autoencoder = buildAutoencoder(experiment, [WINDOW, CHANNELS]);
    const message = seriesMessage(autoencoder, train, validation, 4, experiment.training)!;
    expect(trainerToHostSchema.safeParse(message).success).toBe(true);
    expect(message.times).toEqual(times);
    expect(message.columns).toEqual(['temperature', 'pressure']);
    expect(message.validationStart).toBe(cut);
    expect(message.aggregate).toBe('mean');

    const expected = expectedPoints(autoencoder, [train, validation], points, stats);
    for (let p = 0; p < points; p++) {
      if (!expected.covered[p]) {
        // The last points no window reaches stay gaps.
        expect(Number.isNaN(message.values[0][p])).toBe(true);
        expect(Number.isNaN(message.errors[p])).toBe(true);
        continue;
      }
      for (let c = 0; c < CHANNELS; c++) {
        expect(message.values[c][p]).toBeCloseTo(raw[p][c], 2);
        expect(message.reconstruction[c][p]).toBeCloseTo(expected.recon[p][c], 2);
      }
      expect(message.errors[p]).toBeCloseTo(expected.error[p], 4);
    }

    // The run's rule (99th percentile) on the training part's point errors only.
    const trainPointErrors = expected.error.slice(0, cut).filter((_, p) => expected.covered[p] > 0);
    expect(message.threshold).toBeCloseTo(percentile(trainPointErrors, 99), 5);
    expect(message.spans).toEqual(flaggedSpans(message.errors, message.threshold!));
    // The injected spike (40 units on a column whose spread is 0.35) is flagged.
    expect(message.spans.some((span) => span.start <= spikeAt && spikeAt <= span.end)).toBe(true);
    expect(message.spans.length).toBeGreaterThan(0);
  });

  it.each(['mse', 'bce'] as const)('has the threshold the run saves (%s): the same point errors as the training-set pass', (loss) => {
    const { train, validation } = splitSeries(150, 120, -1);
    const training = { ...experiment.training, loss };
    const autoencoder = buildAutoencoder({ ...experiment, training }, [WINDOW, CHANNELS]);
    const message = seriesMessage(autoencoder, train, validation, 1, training)!;
    // What passOverTrainingSet does for the saved threshold: the training windows' reconstructions into the collector.
    const collector = new SeriesErrorCollector(train.series!, loss);
    const output = tf.tidy(() => autoencoder.reconstruct(tf.tensor(train.x, [train.count, WINDOW, CHANNELS])).dataSync() as Float32Array);
    collector.add(0, train.count, train.x, output);
    const saved = runThreshold(collector.pointErrors('mean'))!.value;
    expect(message.threshold).toBeCloseTo(saved, 6);
    const trainErrors = collector.pointErrors('mean');
    for (let p = 0; p < 100; p++) expect(message.errors[p]).toBeCloseTo(trainErrors[p], 6);
  });

  it('follows the validation part when it carries its own times after the training part', () => {
    const { raw, stats } = splitSeries(120, 96, -1);
    const times = raw.map((_, p) => `row ${p + 1}`);
    const train = windowed(raw, startsIn(0, 96, 4), times.slice(0, 96), stats);
    // Validation windows index its own times, from 0.
    const validation = windowed(raw.slice(96), startsIn(0, 24, 4), times.slice(96), stats);
    const message = seriesMessage(buildAutoencoder(experiment, [WINDOW, CHANNELS]), train, validation, 1, experiment.training)!;
    expect(message.times).toEqual(times);
    expect(message.validationStart).toBe(96);
    expect(message.values[1][100]).toBeCloseTo(raw[100][1], 3);
  });

  it(`keeps the newest ${MAX_SERIES_POINTS} points of a longer series`, () => {
    const points = MAX_SERIES_POINTS + 1000;
    const { raw, times, train, validation } = splitSeries(points, points - 600, -1, WINDOW);
    const message = seriesMessage(buildAutoencoder(experiment, [WINDOW, CHANNELS]), train, validation, 1, experiment.training)!;
    expect(message.times).toHaveLength(MAX_SERIES_POINTS);
    expect(message.times[0]).toBe(times[1000]);
    expect(message.errors).toHaveLength(MAX_SERIES_POINTS);
    expect(message.values[0]).toHaveLength(MAX_SERIES_POINTS);
    expect(message.values[0][0]).toBeCloseTo(raw[1000][0], 2);
    expect(message.validationStart).toBe(MAX_SERIES_POINTS - 600);
    expect(message.spans).toEqual(flaggedSpans(message.errors, message.threshold!));
  });

  it('sends nothing for data that is not a series, nor for a kind that reconstructs only with labels', () => {
    const { train, validation } = splitSeries(60, 48, -1);
    const autoencoder = buildAutoencoder(experiment, [WINDOW, CHANNELS]);
    expect(seriesMessage(autoencoder, train, validation, 1, experiment.training)).toBeDefined();
    expect(seriesMessage({ ...autoencoder, conditional: { classes: 2 } }, train, validation, 1, experiment.training)).toBeUndefined();
    delete train.series;
    expect(seriesMessage(autoencoder, train, validation, 1, experiment.training)).toBeUndefined();
  });

  it('is sent after each epoch of a series run and kept in views/series.json', () => {
    const runDir = mkdtempSync(join(tmpdir(), 'aelab-series-view-'));
    try {
      const { train, validation } = splitSeries(120, 96, 100);
      const sent: TrainerToHost[] = [];
      const views = startEpochViews(runDir, (message) => sent.push(message), buildAutoencoder(experiment, [WINDOW, CHANNELS]), experiment, train, validation);
      views.afterEpoch(1);
      const series = sent.filter((m): m is TrainerMessageOf<'series'> => m.type === 'series');
      expect(series).toHaveLength(1);
      const kept = readViewSnapshot(runDir, 'series');
      expect(kept?.epoch).toBe(1);
      expect(kept?.spans).toEqual(series[0].spans);
      expect(Array.from(kept!.values[0])).toEqual(Array.from(series[0].values[0]));
      // The run's threshold is on point errors: the per-window errors of the Anomalies view carry none of their own.
      const errors = sent.find((m): m is TrainerMessageOf<'errors'> => m.type === 'errors');
      expect(errors?.train.length).toBe(train.count);
      expect(errors?.threshold).toBeUndefined();
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
  });

  it('keeps tf.memory().numTensors flat across epochs', () => {
    const { train, validation } = splitSeries(2000, 1600, 1800, 1);
    const autoencoder = buildAutoencoder(experiment, [WINDOW, CHANNELS]);
    seriesMessage(autoencoder, train, validation, 1, experiment.training);
    const before = tf.memory().numTensors;
    // More windows (about 2,000) than one batch: every batch must be disposed.
    for (let epoch = 2; epoch <= 4; epoch++) seriesMessage(autoencoder, train, validation, epoch, experiment.training);
    expect(tf.memory().numTensors).toBe(before);
  });
});
