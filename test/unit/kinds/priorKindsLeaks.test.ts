// wae-mmd and aae on wasm, as the trainer trains them (kernel patches on): numTensors and the wasm backend's live data
// ids stay flat across epochs, also with the AAE's discriminator and its two optimizers stepping every batch.
import { describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import { selectBackend } from '../../../src/trainer/backends/selectBackend';
import { generatedMessage } from '../../../src/trainer/analysis/epochAnalysis';
import { loadBuiltinDataset } from '../../../src/trainer/data/builtin';
import { splitDataset } from '../../../src/trainer/data/split';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { trainCountingTensors } from '../../helpers/trainCountingTensors';

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
    const { numTensors, dataIds, metrics } = await trainCountingTensors({
      autoencoder,
      train,
      validation,
      training: experiment.training,
      afterEpoch: ({ epoch }) => void generatedMessage(autoencoder, dataset.sampleShape, epoch, 1),
    });
    const values = metrics.flatMap((epoch) => Object.entries(epoch).flatMap(([key, value]) => (key === 'val_loss' || key.includes('loss') || key.includes('mmd') || key.startsWith('disc') ? [value as number] : [])));
    expect(numTensors).toHaveLength(3);
    expect(numTensors[2]).toBe(numTensors[1]);
    expect(numTensors[1]).toBe(numTensors[0]);
    // Empty off wasm: the flat check below must not pass for want of counts.
    expect(dataIds).toHaveLength(3);
    expect(dataIds[2]).toBe(dataIds[1]);
    expect(dataIds[1]).toBe(dataIds[0]);
    expect(values.length).toBeGreaterThan(6);
    expect(values.every(Number.isFinite)).toBe(true);
    autoencoder.encoder.dispose();
    autoencoder.decoder.dispose();
  }, 120_000);
});
