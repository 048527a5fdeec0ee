// Every template's model: output shapes, the loss falls over 20 steps on real digits, and no tensors leak.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer } from '../../../src/trainer/loop/optimizer';
import { buildTemplate, disposeAutoencoder, mnistBatch, templateExperiment, useWasm } from './helpers';

// wasm: the cpu backend needs minutes for the conv kinds.
beforeAll(useWasm);

const BATCH = 32;
const STEPS = 20;

describe.each([
  ['undercomplete', 32, []],
  ['deep', 32, []],
  ['conv', 4 * 4 * 8, []],
  ['denoising', 7 * 7 * 32, []],
  ['denoising-keras-io', 7 * 7 * 32, []],
  ['sparse', 32, ['recon_loss', 'sparsity_penalty', 'mean_activation']],
  ['contractive', 64, ['recon_loss', 'contractive_penalty']],
  ['vae', 2, ['recon_loss', 'kl_loss']],
  ['conv-vae', 2, ['recon_loss', 'kl_loss']],
  ['beta-vae', 2, ['recon_loss', 'kl_loss']],
  ['custom', 7 * 7 * 32, []],
] as const)('%s', (id, codeSize, componentNames) => {
  it('encodes to [batch, code], reconstructs the input shape, learns, and leaks nothing', () => {
    const autoencoder = buildTemplate(id);
    const optimizer = createOptimizer(templateExperiment(id).training);
    const clean = mnistBatch(BATCH);
    const input = autoencoder.corrupt ? autoencoder.corrupt(clean, 11) : clean;

    const code = autoencoder.encode(clean);
    expect(code.shape).toEqual([BATCH, codeSize]);
    const output = autoencoder.reconstruct(clean);
    expect(output.shape).toEqual([BATCH, 28, 28, 1]);
    tf.dispose([code, output]);

    const evalLoss = () => {
      const { total, components } = autoencoder.loss(input, clean, false);
      expect(Object.keys(components).sort()).toEqual([...componentNames].sort());
      const value = total.dataSync()[0];
      tf.dispose([total, ...Object.values(components)]);
      return value;
    };
    const step = () =>
      tf.tidy(() => {
        const batchInput = autoencoder.corrupt ? autoencoder.corrupt(clean, 5) : clean;
        optimizer.minimize(() => {
          const parts = autoencoder.loss(batchInput, clean, true);
          tf.dispose(Object.values(parts.components));
          return parts.total;
        });
      });

    const before = evalLoss();
    step(); // creates the optimizer's slot variables
    const tensors = tf.memory().numTensors;
    for (let i = 1; i < STEPS; i++) step();
    const after = evalLoss();
    tf.dispose([autoencoder.encode(clean), autoencoder.reconstruct(clean)]);
    if (autoencoder.corrupt) autoencoder.corrupt(clean, 3).dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(after).toBeLessThan(before);

    optimizer.dispose();
    disposeAutoencoder(autoencoder);
  });
});
