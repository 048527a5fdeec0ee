// tf.memory().numTensors, and the buffers the wasm backend holds, must stay flat across epochs, or long runs slowly
// eat memory. Trains as the trainer does: with the wasm kernel patches on (they allocate on the heap themselves).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { experimentSchema } from '../../src/protocol/experiment';
import { selectBackend } from '../../src/trainer/backends/selectBackend';
import { loadBuiltinDataset } from '../../src/trainer/data/builtin';
import { splitDataset } from '../../src/trainer/data/split';
import { trainLoop } from '../../src/trainer/loop/trainLoop';
import { createOptimizer } from '../../src/trainer/loop/optimizer';
import { buildAutoencoder } from '../../src/trainer/models/buildAutoencoder';
import { reconstructionSamples } from '../../src/trainer/samples/reconstructionSamples';
import { liveDataIds } from '../../src/trainer/wasm';
import { WASM_PATCHES } from '../../src/trainer/wasm/patchList';

const patchCalls = () => WASM_PATCHES.reduce((sum, p) => sum + p.calls, 0);

describe('tensor leaks', () => {
  it('keeps numTensors and the wasm backend\'s live data ids flat across 3 epochs of the deep autoencoder', async () => {
    expect((await selectBackend('wasm')).description).toBe('wasm (SIMD)');
    expect(WASM_PATCHES.filter((p) => !p.isRegistered()).map((p) => p.name)).toEqual([]);
    const callsBefore = patchCalls();
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
    const dataIds: number[] = [];
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
        dataIds.push(liveDataIds(tf.backend()));
        losses.push(metrics.loss);
      },
    });
    expect(counts).toHaveLength(3);
    // Epoch 1 creates the optimizer's slots; after that nothing may accumulate.
    expect(counts[2]).toBe(counts[1]);
    expect(counts[1]).toBe(counts[0]);
    expect(dataIds).toHaveLength(3);
    expect(dataIds[2]).toBe(dataIds[1]);
    expect(dataIds[1]).toBe(dataIds[0]);
    expect(patchCalls()).toBeGreaterThan(callsBefore);
    expect(losses[2]).toBeLessThan(losses[0]);
    optimizer.dispose();
  });
});
