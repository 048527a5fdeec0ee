// tf.memory().numTensors must stay flat across epochs, or long runs slowly eat memory.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { experimentSchema } from '../../src/protocol/experiment';
import { loadBuiltinDataset } from '../../src/trainer/data/builtin';
import { splitDataset } from '../../src/trainer/data/split';
import { trainLoop } from '../../src/trainer/loop/trainLoop';
import { createOptimizer } from '../../src/trainer/loop/optimizer';
import { buildAutoencoder } from '../../src/trainer/models/buildAutoencoder';
import { reconstructionSamples } from '../../src/trainer/samples/reconstructionSamples';

describe('tensor leaks', () => {
  it('keeps numTensors flat across 3 epochs of the deep autoencoder', async () => {
    await tf.setBackend('wasm');
    const experiment = experimentSchema.parse({
      name: 'leak-check',
      kind: 'deep',
      data: { source: 'builtin:mnist', limit: 600 },
      model: { hidden: [32], latentDim: 8 },
      training: { epochs: 3, batchSize: 50 },
    });
    const dataset = loadBuiltinDataset('builtin:mnist');
    const { train, validation } = splitDataset(dataset, 0.1, 1, 600);
    const autoencoder = buildAutoencoder(experiment, dataset.sampleShape);
    const optimizer = createOptimizer(experiment.training);
    const counts: number[] = [];
    const losses: number[] = [];
    await trainLoop({
      autoencoder,
      optimizer,
      train,
      validation,
      training: experiment.training,
      epochs: 3,
      shouldStop: () => false,
      onEpoch: (metrics) => {
        reconstructionSamples(autoencoder, validation, metrics.epoch, 1);
        counts.push(tf.memory().numTensors);
        losses.push(metrics.loss);
      },
    });
    expect(counts).toHaveLength(3);
    // Epoch 1 creates the optimizer's slots; after that nothing may accumulate.
    expect(counts[2]).toBe(counts[1]);
    expect(counts[1]).toBe(counts[0]);
    expect(losses[2]).toBeLessThan(losses[0]);
    optimizer.dispose();
  });
});
