// The VQ-VAE's pieces: the straight-through estimator sends the reconstruction's gradient to the encoder and none to the
// codebook or through the argmin; the codebook and commitment losses move only the codes and only the encoder; the
// quantizer picks the nearest code; the codebook survives a save and load; usage statistics; no tensor leaks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { CodebookUsage, codebookStats } from '../../../src/trainer/models/codebookUsage';
import { reconstructionLoss } from '../../../src/trainer/models/losses';
import { findVectorQuantizer, nearestCodes, quantize, stopGradient, straightThrough } from '../../../src/trainer/models/vectorQuantizer';
import { KERAS_COMMITMENT_COST } from '../../../src/templates/keras/vqVaeLoss';
import { DEFAULT_COMMITMENT_COST } from '../../../src/trainer/models/vqVae';
import { disposeAutoencoder, useCpu } from './helpers';

beforeAll(useCpu);

const SHAPE = [8, 8, 1];
const small = (model: Record<string, unknown> = {}) =>
  buildAutoencoder(
    experimentSchema.parse({ name: 'vq', kind: 'vq-vae', data: { source: 'builtin:mnist' }, model: { filters: [4], latentDim: 3, codebookSize: 5, ...model }, training: { loss: 'mse', seed: 3 } }),
    SHAPE,
  );
const batch = () => tf.randomUniform([4, ...SHAPE], 0, 1, 'float32', 11);

/** Sum of |gradient| of each trainable weight of encoder and decoder, by weight name. */
function gradientMass(autoencoder: ReturnType<typeof small>, loss: () => tf.Scalar): Record<string, number> {
  const variables = [...autoencoder.encoder.trainableWeights, ...autoencoder.decoder.trainableWeights].map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(loss, variables);
  const mass = Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, g.abs().sum().dataSync()[0]]));
  tf.dispose([value, ...Object.values(grads)]);
  return mass;
}

const codebookName = (autoencoder: ReturnType<typeof small>) => (findVectorQuantizer(autoencoder.decoder)!.trainableWeights[0].read() as tf.Variable).name;
const isEncoder = (autoencoder: ReturnType<typeof small>, name: string) => autoencoder.encoder.trainableWeights.some((w) => (w.read() as tf.Variable).name === name);

describe('vq-vae gradients', () => {
  it('the reconstruction reaches every encoder weight through the quantizer, and not the codebook', () => {
    const autoencoder = small();
    const x = batch();
    const mass = gradientMass(autoencoder, () => reconstructionLoss('mse', x, autoencoder.decoder.apply(autoencoder.encoder.apply(x)) as tf.Tensor));
    const codebook = codebookName(autoencoder);
    for (const [name, value] of Object.entries(mass)) {
      if (name === codebook) expect(value, name).toBe(0);
      else expect(value, name).toBeGreaterThan(0);
    }
    x.dispose();
    disposeAutoencoder(autoencoder);
  });

  it('the codebook loss moves only the codebook, the commitment loss only the encoder', () => {
    const autoencoder = small();
    const x = batch();
    const codebook = codebookName(autoencoder);
    const parts = (name: 'codebook_loss' | 'commitment_loss') => () => {
      const { total, components } = autoencoder.loss(x, x, false);
      total.dispose();
      Object.entries(components).forEach(([key, c]) => key !== name && c.dispose());
      return components[name];
    };
    const codebookMass = gradientMass(autoencoder, parts('codebook_loss'));
    expect(codebookMass[codebook]).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(codebookMass)) if (name !== codebook) expect(value, name).toBe(0);
    const commitmentMass = gradientMass(autoencoder, parts('commitment_loss'));
    for (const [name, value] of Object.entries(commitmentMass)) {
      if (isEncoder(autoencoder, name)) expect(value, name).toBeGreaterThan(0);
      else expect(value, name).toBe(0);
    }
    x.dispose();
    disposeAutoencoder(autoencoder);
  });

  it('straight-through: forward is the nearest code, backward is the identity (the argmin is not differentiated)', () => {
    const codebook = tf.tensor2d([[0, 0], [1, 1], [-2, 3]]);
    const ze = tf.tensor3d([[[0.9, 1.2], [-1.5, 2]], [[0.1, -0.3], [5, 5]]]);
    const weights = tf.tensor3d([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
    expect(Array.from(nearestCodes(ze, codebook).dataSync())).toEqual([1, 2, 0, 1]);
    expect(Array.from(straightThrough(ze, codebook).dataSync())).toEqual([1, 1, -2, 3, 0, 0, 1, 1]);
    const [dze, dcodebook] = tf.grads((z: tf.Tensor, c: tf.Tensor) => straightThrough(z, c as tf.Tensor2D).mul(weights).sum())([ze, codebook]);
    expect(Array.from(dze.dataSync())).toEqual(Array.from(weights.dataSync()));
    expect(Array.from(dcodebook.dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
    // quantize (the codebook loss's path) is differentiable in the codebook: each code gets its positions' weights.
    const dq = tf.grad((c: tf.Tensor) => quantize(ze, c as tf.Tensor2D).mul(weights).sum())(codebook);
    expect(Array.from(dq.dataSync())).toEqual([5, 6, 1 + 7, 2 + 8, 3, 4]);
    const dstop = tf.grad((z: tf.Tensor) => stopGradient(z).mul(weights).sum())(ze);
    expect(Array.from(dstop.dataSync())).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    tf.dispose([codebook, ze, weights, dze, dcodebook, dq, dstop]);
  });
});

describe('vq-vae model', () => {
  it('keeps the codebook through a save and load of the decoder, and decodes the same', async () => {
    const autoencoder = small();
    const x = batch();
    const code = autoencoder.encoder.apply(x) as tf.Tensor;
    const before = (autoencoder.decoder.apply(code) as tf.Tensor).dataSync();
    let artifacts: tf.io.ModelArtifacts | undefined;
    await autoencoder.decoder.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const quantizer = findVectorQuantizer(loaded)!;
    expect(quantizer.codebookSize).toBe(5);
    expect(Array.from(quantizer.codebook.dataSync())).toEqual(Array.from(findVectorQuantizer(autoencoder.decoder)!.codebook.dataSync()));
    expect(Array.from((loaded.apply(code) as tf.Tensor).dataSync())).toEqual(Array.from(before));
    tf.dispose([x, code]);
    loaded.dispose();
    disposeAutoencoder(autoencoder);
  });

  it('counts code usage only while training, and leaks no tensors over loss calls and reads', () => {
    const autoencoder = small();
    const x = batch();
    const run = (training: boolean) => {
      const { total, components } = autoencoder.loss(x, x, training);
      tf.dispose([total, ...Object.values(components)]);
    };
    run(true);
    autoencoder.epochStats!.read();
    const tensors = tf.memory().numTensors;
    autoencoder.epochStats!.reset(2);
    run(false);
    expect(autoencoder.epochStats!.read()).toEqual({ perplexity: 0, dead_codes: 5, restarted_codes: 0 });
    run(true);
    run(true);
    const stats = autoencoder.epochStats!.read();
    expect(stats.perplexity).toBeGreaterThanOrEqual(1);
    expect(stats.dead_codes).toBeLessThan(5);
    expect(tf.memory().numTensors).toBe(tensors);
    x.dispose();
    disposeAutoencoder(autoencoder);
  });

  it('perplexity is exp(entropy) of the code frequencies; dead codes are the unused ones', () => {
    expect(codebookStats([10, 10, 10, 10])).toEqual({ perplexity: 4, dead_codes: 0 });
    expect(codebookStats([7, 0, 0, 0])).toEqual({ perplexity: 1, dead_codes: 3 });
    expect(codebookStats([1, 3, 0]).perplexity).toBeCloseTo(Math.exp(-(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75))), 4);
    const usage = new CodebookUsage(3);
    usage.count(tf.tensor1d([0, 2, 2], 'int32'));
    usage.count(tf.tensor2d([[2, 2]], [1, 2], 'int32'));
    expect(usage.read()).toEqual({ perplexity: codebookStats([1, 0, 4]).perplexity, dead_codes: 1 });
  });

  it('the Keras export states the trainer\'s default commitment cost', () => {
    expect(KERAS_COMMITMENT_COST).toBe(DEFAULT_COMMITMENT_COST);
  });
});
