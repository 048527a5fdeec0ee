// tf.memory().numTensors stays flat across epochs for cvae and iwae on wasm, with the per-epoch views that pass labels
// (latent codes, errors, prior samples by class, reconstruction previews) computed after each epoch as a run does.
import { describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import { errorsMessage, generatedMessage, latentMessage } from '../../../src/trainer/analysis/epochAnalysis';
import { selectBackend } from '../../../src/trainer/backends/selectBackend';
import { loadBuiltinDataset } from '../../../src/trainer/data/builtin';
import { splitDataset } from '../../../src/trainer/data/split';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { reconstructionSamples } from '../../../src/trainer/samples/reconstructionSamples';
import { trainCountingTensors } from '../../helpers/trainCountingTensors';

describe.each(['cvae', 'iwae'] as const)('%s tensor leaks', (kind) => {
  it('keeps numTensors flat across 3 epochs with the epoch views', async () => {
    expect((await selectBackend('wasm')).description).toBe('wasm (SIMD)');
    const experiment = experimentSchema.parse({ name: 'leaks', kind, data: { source: 'builtin:mnist', limit: 400 }, model: { hidden: [32], latentDim: 2 }, training: { epochs: 3, batchSize: 50 } });
    const dataset = loadBuiltinDataset('builtin:mnist');
    const { train, validation } = splitDataset(dataset, 0.1, 1, 400);
    const autoencoder = buildAutoencoder(experiment, dataset.sampleShape, undefined, kind === 'cvae' ? 10 : undefined);
    const { numTensors, metrics } = await trainCountingTensors({
      autoencoder,
      train,
      validation,
      training: experiment.training,
      afterEpoch: ({ epoch }) => {
        reconstructionSamples(autoencoder, validation, epoch, 1);
        latentMessage(autoencoder, validation, epoch, false, 1);
        errorsMessage(autoencoder, train, validation, epoch, experiment.training);
        expect(generatedMessage(autoencoder, dataset.sampleShape, epoch, 1)?.prior).toHaveLength(16);
      },
    });
    const losses = metrics.map((m) => m.loss);
    expect(numTensors).toHaveLength(3);
    expect(numTensors[2]).toBe(numTensors[1]);
    expect(numTensors[1]).toBe(numTensors[0]);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[2]).toBeLessThan(losses[0]);
    autoencoder.encoder.dispose();
    autoencoder.decoder.dispose();
  }, 120_000);
});
