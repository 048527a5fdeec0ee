// The sequence networks on the wasm backend as the trainer sets it up (the project's kernel patches on): loss and
// every weight's gradient agree with the cpu backend, the patched conv gradients run for the [7, 1] kernels of the
// Conv1DTranspose stand-in, and three epochs of the training loop keep tf.memory().numTensors flat.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { experimentSchema, type Experiment, type ExperimentInput } from '../../../src/protocol/experiment';
import { selectBackend } from '../../../src/trainer/backends/selectBackend';
import { emptyDropped, type Dataset } from '../../../src/trainer/data/dataset';
import { splitDataset } from '../../../src/trainer/data/split';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { WASM_PATCHES } from '../../../src/trainer/wasm/patchList';
import { trainCountingTensors } from '../../helpers/trainCountingTensors';
import { disposeAutoencoder, useCpu } from './helpers';

afterAll(useCpu);

const SHAPE = [30, 2];

const experiment = (kind: ExperimentInput['kind'], model: ExperimentInput['model'] = {}): Experiment =>
  experimentSchema.parse({ name: 'seq', kind, data: { source: 'series.csv' }, model: { latentDim: 6, filters: [8, 4], outputActivation: 'linear', ...model }, training: { loss: 'mse', batchSize: 16, epochs: 3 } });

/** Two sines per sample with a random phase: a learnable [30, 2] series. */
function seriesBatch(count: number): Float32Array {
  const x = new Float32Array(count * SHAPE[0] * SHAPE[1]);
  let state = 7;
  const random = () => ((state = (state * 16807) % 2147483647) / 2147483647);
  for (let n = 0; n < count; n++) {
    const phase = random() * 6.28;
    for (let t = 0; t < SHAPE[0]; t++) {
      x[(n * SHAPE[0] + t) * 2] = Math.sin(phase + t / 3);
      x[(n * SHAPE[0] + t) * 2 + 1] = 0.5 * Math.cos(phase + t / 5);
    }
  }
  return x;
}

/** Loss and gradients of every trainable weight on the active backend, starting from `weights`. */
function lossAndGradients(e: Experiment, weights: Float32Array[], x: Float32Array): { loss: number; gradients: Float32Array[] } {
  const autoencoder = buildAutoencoder(e, SHAPE);
  const variables = [...autoencoder.encoder.trainableWeights, ...autoencoder.decoder.trainableWeights];
  variables.forEach((v, i) => v.write(tf.tensor(weights[i], v.shape as number[])));
  const input = tf.tensor(x, [x.length / 60, ...SHAPE]);
  const trained = variables.map((v) => v.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => autoencoder.loss(input, input, false).total, trained);
  const result = { loss: value.dataSync()[0], gradients: trained.map((v) => grads[v.name].dataSync() as Float32Array) };
  tf.dispose([input, value, ...Object.values(grads)]);
  disposeAutoencoder(autoencoder);
  return result;
}

describe.each([
  ['conv1d', {}],
  ['lstm', {}],
  ['vae', { architecture: 'conv1d' }],
  ['denoising', { architecture: 'lstm', noise: { type: 'gaussian', sigma: 0.1 } }],
] as const)('%s %j on wasm', (kind, model) => {
  it('gives the cpu backend\'s loss and gradients', async () => {
    const e = experiment(kind, model);
    const x = seriesBatch(8);
    await useCpu();
    const initial = buildAutoencoder(e, SHAPE);
    const weights = [...initial.encoder.trainableWeights, ...initial.decoder.trainableWeights].map((v) => v.read().dataSync() as Float32Array);
    disposeAutoencoder(initial);
    const cpu = lossAndGradients(e, weights, x);
    expect((await selectBackend('wasm')).description).toBe('wasm (SIMD)');
    const calls = WASM_PATCHES.map((p) => p.calls);
    const wasm = lossAndGradients(e, weights, x);
    if (kind !== 'denoising') expect(WASM_PATCHES.filter((p, i) => p.calls > calls[i]).map((p) => p.name)).toEqual(expect.arrayContaining(kind === 'lstm' ? ['BatchMatMul'] : ['Conv2DBackpropInput', 'Conv2DBackpropFilter']));
    expect(wasm.loss).toBeCloseTo(cpu.loss, 4);
    expect(cpu.gradients.length).toBeGreaterThan(3);
    cpu.gradients.forEach((g, i) => {
      const scale = Math.max(...g.map(Math.abs));
      expect(scale, `gradient ${i}`).toBeGreaterThan(0);
      const worst = Math.max(...g.map((v, j) => Math.abs(v - wasm.gradients[i][j])));
      expect(worst / scale, `gradient ${i}`).toBeLessThan(1e-4);
    });
  });
});

describe.each([['conv1d'], ['lstm']] as const)('%s trains on wasm', (kind) => {
  it('three epochs: finite falling loss, numTensors and wasm data ids flat', async () => {
    await selectBackend('wasm');
    const e = experiment(kind);
    const count = 96;
    const dataset: Dataset = { x: seriesBatch(count), count, sampleShape: SHAPE, normalization: { kind: 'none' }, dropped: emptyDropped(), notes: [] };
    const { train, validation } = splitDataset(dataset, 0.25, 1);
    const autoencoder = buildAutoencoder(e, SHAPE);
    const { numTensors, dataIds, metrics } = await trainCountingTensors({ autoencoder, train, validation, training: e.training });
    const losses = metrics.map((m) => m.loss);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[2]).toBeLessThan(losses[0]);
    expect(numTensors[2]).toBe(numTensors[1]);
    expect(numTensors[1]).toBe(numTensors[0]);
    // Empty off wasm: the flat check below must not pass for want of counts.
    expect(dataIds).toHaveLength(3);
    expect(dataIds[2]).toBe(dataIds[1]);
    expect(dataIds[1]).toBe(dataIds[0]);
    disposeAutoencoder(autoencoder);
  });
});
