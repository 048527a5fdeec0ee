// tf.memory().numTensors, and the buffers the wasm backend holds, must stay flat across epochs, or long runs slowly
// eat memory. Trains as the trainer does: with the wasm kernel patches on (they allocate on the heap themselves).
import { describe, expect, it } from 'vitest';
import { experimentSchema } from '../../src/protocol/experiment';
import { selectBackend } from '../../src/trainer/backends/selectBackend';
import { loadBuiltinDataset } from '../../src/trainer/data/builtin';
import { splitDataset } from '../../src/trainer/data/split';
import { buildAutoencoder } from '../../src/trainer/models/buildAutoencoder';
import { reconstructionSamples } from '../../src/trainer/samples/reconstructionSamples';
import { WASM_PATCHES } from '../../src/trainer/wasm/patchList';
import { trainCountingTensors } from '../helpers/trainCountingTensors';

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
    const { numTensors, dataIds, metrics } = await trainCountingTensors({
      autoencoder,
      train,
      validation,
      training: experiment.training,
      afterEpoch: ({ epoch }) => void reconstructionSamples(autoencoder, validation, epoch, 1),
    });
    expect(numTensors).toHaveLength(3);
    // Epoch 1 creates the optimizer's slots; after that nothing may accumulate.
    expect(numTensors[2]).toBe(numTensors[1]);
    expect(numTensors[1]).toBe(numTensors[0]);
    expect(dataIds).toHaveLength(3);
    expect(dataIds[2]).toBe(dataIds[1]);
    expect(dataIds[1]).toBe(dataIds[0]);
    expect(patchCalls()).toBeGreaterThan(callsBefore);
    expect(metrics[2].loss).toBeLessThan(metrics[0].loss);
  });
});
