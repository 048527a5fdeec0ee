// The closed-form Jacobian penalty against central finite differences of the encoder.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import type { Autoencoder } from '../../../src/trainer/models/types';
import { disposeAutoencoder, useCpu } from './helpers';

beforeAll(useCpu);

const EPS = 1e-3;
const FEATURES = 6;

function contractive(hidden: number[], latentDim: number, activation: 'sigmoid' | 'tanh' | 'relu' | 'elu' | 'selu', seed = 3): Autoencoder {
  const experiment = experimentSchema.parse({
    name: 'fd',
    kind: 'contractive',
    data: { source: 'x.csv' },
    model: { hidden, latentDim, activation, contractiveWeight: 1 },
    training: { seed },
  });
  const autoencoder = buildAutoencoder(experiment, [FEATURES]);
  // Glorot weights with zero biases leave relu units dead and sigmoid slopes tiny; N(0, 2^2) weights and biases exercise every regime.
  autoencoder.encoder.setWeights(autoencoder.encoder.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 2, 'float32', seed * 100 + i)));
  return autoencoder;
}

/** Batch mean of ||d code / d x||_F^2 by central differences, one input feature at a time. */
function finiteDifferencePenalty(autoencoder: Autoencoder, x: number[][]): number {
  let total = 0;
  for (const row of x) {
    for (let i = 0; i < FEATURES; i++) {
      const plus = [...row];
      const minus = [...row];
      plus[i] += EPS;
      minus[i] -= EPS;
      const codes = autoencoder.encode(tf.tensor2d([plus, minus])).arraySync();
      codes[0].forEach((c, j) => (total += ((c - codes[1][j]) / (2 * EPS)) ** 2));
    }
  }
  return total / x.length;
}

const x = [
  [0.1, 0.9, 0.4, 0.3, 0.7, 0.2],
  [0.8, 0.05, 0.6, 0.95, 0.2, 0.5],
  [0.33, 0.5, 0.12, 0.6, 0.41, 0.77],
];

describe('contractive penalty', () => {
  it.each([
    ['one sigmoid layer (closed form)', [], 4, 'sigmoid'],
    ['two sigmoid layers', [5], 3, 'sigmoid'],
    ['three tanh layers, narrowing', [5, 4], 2, 'tanh'],
    ['first layer wider than the input', [9], 3, 'sigmoid'],
    ['relu stack', [8, 5], 3, 'relu'],
    ['elu stack', [5], 3, 'elu'],
    ['selu stack', [5], 3, 'selu'],
  ] as const)('%s matches finite differences', (_, hidden, latent, activation) => {
    const autoencoder = contractive([...hidden], latent, activation);
    const input = tf.tensor2d(x);
    const penalty = autoencoder.loss(input, input, false).components.contractive_penalty.dataSync()[0];
    const expected = finiteDifferencePenalty(autoencoder, x);
    expect(expected).toBeGreaterThan(1e-3);
    expect(Math.abs(penalty - expected) / expected).toBeLessThan(2e-3);
    disposeAutoencoder(autoencoder);
  });

  it.each(['sigmoid', 'tanh', 'relu', 'elu', 'selu'] as const)('trains with %s: the penalty has a gradient and shrinks', (activation) => {
    const autoencoder = contractive([5], 3, activation);
    const input = tf.tensor2d(x);
    const penalty = () => autoencoder.loss(input, input, false).components.contractive_penalty.dataSync()[0];
    const before = penalty();
    const optimizer = tf.train.sgd(0.01);
    for (let i = 0; i < 5; i++) optimizer.minimize(() => autoencoder.loss(input, input, true).total);
    expect(penalty()).toBeLessThan(before);
    optimizer.dispose();
    disposeAutoencoder(autoencoder);
  });

  it('is scaled by contractiveWeight and added to the reconstruction loss', () => {
    const autoencoder = contractive([], 4, 'sigmoid');
    const input = tf.tensor2d(x);
    const { total, components } = autoencoder.loss(input, input, true);
    expect(total.dataSync()[0]).toBeCloseTo(components.recon_loss.dataSync()[0] + components.contractive_penalty.dataSync()[0], 5);
    disposeAutoencoder(autoencoder);
  });
});
