// wae-mmd and aae on wasm, as the trainer trains them (kernel patches on): numTensors and the wasm backend's live data
// ids stay flat across epochs, also with the AAE's discriminator and its two optimizers stepping every batch.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import { selectBackend } from '../../../src/trainer/backends/selectBackend';
import { generatedMessage } from '../../../src/trainer/analysis/epochAnalysis';
import { loadBuiltinDataset } from '../../../src/trainer/data/builtin';
import { splitDataset } from '../../../src/trainer/data/split';
import { createOptimizer } from '../../../src/trainer/loop/optimizer';
import { trainLoop } from '../../../src/trainer/loop/trainLoop';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { liveDataIds } from '../../../src/trainer/wasm';

describe.each([['wae-mmd'], ['aae']] as const)('%s', (kind) => {
  it('keeps numTensors and live data ids flat across 3 epochs, with finite losses', async () => {
    expect((await selectBackend('wasm')).description).toBe('wasm (SIMD)');
    const experiment = experimentSchema.parse({
      name: `leak-${kind}`,
      kind,
      data: { source: 'builtin:mnist', limit: 400 },
      model: { hidden: [32], latentDim: 4, discriminator: kind === 'aae' ? [32] : undefined },
      training: { epochs: 3, batchSize: 50 },
    });
    const dataset = loadBuiltinDataset('builtin:mnist');
    const { train, validation } = splitDataset(dataset, 0.1, 1, 400);
    const autoencoder = buildAutoencoder(experiment, dataset.sampleShape);
    const optimizer = createOptimizer(experiment.training);
    const counts: number[] = [];
    const dataIds: number[] = [];
    const values: number[] = [];
    await trainLoop({
      autoencoder,
      optimizer,
      train,
      validation,
      training: experiment.training,
      epochs: 3,
      shouldStop: () => false,
      onEpoch: (metrics) => {
        generatedMessage(autoencoder, dataset.sampleShape, metrics.epoch, 1);
        counts.push(tf.memory().numTensors);
        dataIds.push(liveDataIds(tf.backend()));
        values.push(...Object.entries(metrics).flatMap(([key, value]) => (key === 'val_loss' || key.includes('loss') || key.includes('mmd') || key.startsWith('disc') ? [value as number] : [])));
      },
    });
    expect(counts).toHaveLength(3);
    expect(counts[2]).toBe(counts[1]);
    expect(counts[1]).toBe(counts[0]);
    expect(dataIds[2]).toBe(dataIds[1]);
    expect(dataIds[1]).toBe(dataIds[0]);
    expect(values.length).toBeGreaterThan(6);
    expect(values.every(Number.isFinite)).toBe(true);
    optimizer.dispose();
    autoencoder.encoder.dispose();
    autoencoder.decoder.dispose();
  }, 120_000);
});
