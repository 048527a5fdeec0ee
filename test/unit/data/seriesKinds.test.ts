// The dense kinds train on time-series windows [window, channels] (their networks flatten and reshape), without
// leaking tensors, and the pass that fixes a series run's threshold gives one error per point of the training part.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { experimentSchema, type ModelKind } from '../../../src/protocol/experiment';
import { selectBackend } from '../../../src/trainer/backends/selectBackend';
import { splitDataset } from '../../../src/trainer/data/split';
import { loadTimeseriesDataset } from '../../../src/trainer/data/timeseries';
import { modelsOfAutoencoder } from '../../../src/trainer/apply/runModels';
import { createOptimizer } from '../../../src/trainer/loop/optimizer';
import { trainLoop } from '../../../src/trainer/loop/trainLoop';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { passOverTrainingSet } from '../../../src/trainer/runs/trainingSetPass';
import { trainCountingTensors } from '../../helpers/trainCountingTensors';
import { dataConfig, removeTempDirs, writeTemp } from './helpers';

afterEach(removeTempDirs);
beforeAll(async () => {
  await selectBackend('cpu');
});

const DENSE_KINDS: ModelKind[] = ['undercomplete', 'deep', 'denoising', 'sparse', 'contractive', 'vae', 'beta-vae'];

function seriesFile(): string {
  const rows = Array.from({ length: 400 }, (_, i) => `${i},${Math.sin(i / 6).toFixed(4)},${Math.cos(i / 11).toFixed(4)}`);
  return writeTemp('wave.csv', ['t,a,b', ...rows].join('\n'));
}

function prepare(kind: ModelKind) {
  const experiment = experimentSchema.parse({
    name: `series-${kind}`,
    kind,
    data: { source: 'wave.csv', format: 'timeseries', window: 16, stride: 2, validationSplit: 0.2 },
    model: { hidden: [24], latentDim: 4, outputActivation: 'linear' },
    training: { epochs: 3, batchSize: 32, learningRate: 0.01, seed: 3, loss: 'mse' },
  });
  const dataset = loadTimeseriesDataset(seriesFile(), dataConfig(experiment.data));
  const { train, validation } = splitDataset(dataset, experiment.data.validationSplit, experiment.training.seed);
  return { experiment, dataset, train, validation };
}

describe('dense kinds on time-series windows', () => {
  it.each(DENSE_KINDS)('%s trains on [window, channels] samples with the loss falling', async (kind) => {
    const { experiment, dataset, train, validation } = prepare(kind);
    const autoencoder = buildAutoencoder(experiment, dataset.sampleShape);
    const optimizer = createOptimizer(experiment.training);
    const losses: number[] = [];
    await trainLoop({ autoencoder, optimizer, train, validation, training: experiment.training, epochs: 3, shouldStop: () => false, onEpoch: (m) => void losses.push(m.loss) });
    expect(losses).toHaveLength(3);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[2]).toBeLessThan(losses[0]);
    optimizer.dispose();
  });

  it('keeps numTensors flat across epochs and through the threshold pass, which gives one error per training point', async () => {
    const { experiment, dataset, train, validation } = prepare('deep');
    const autoencoder = buildAutoencoder(experiment, dataset.sampleShape);
    const { numTensors } = await trainCountingTensors({ autoencoder, train, validation, training: experiment.training });
    expect(numTensors).toHaveLength(3);
    expect(numTensors[2]).toBe(numTensors[1]);
    expect(numTensors[1]).toBe(numTensors[0]);
    const before = tf.memory().numTensors;
    const pass = passOverTrainingSet(modelsOfAutoencoder(autoencoder), train, 'mse', 'max');
    expect(tf.memory().numTensors).toBe(before);
    // 320 training points, each covered by a training window (stride 2 ends at 304 + 16 = 320); the validation points are not.
    const points = pass.pointErrors!;
    expect(points).toHaveLength(400);
    expect(Array.from(points.subarray(0, 320)).every(Number.isFinite)).toBe(true);
    expect(Array.from(points.subarray(320)).every(Number.isNaN)).toBe(true);
    // With "max", no point's error is below the mean error of a window covering it.
    const firstWindowPoints = points.subarray(0, 16);
    expect(Math.max(...firstWindowPoints)).toBeGreaterThanOrEqual(pass.errors[0] - 1e-6);
  });
});
