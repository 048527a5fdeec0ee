// The cvae and iwae models: the importance-weighted bound against the ELBO of the same log weights, its numerical
// stability, a cvae whose outputs follow its labels, and the uniform label every label-less caller gets.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { experimentSchema, type ExperimentInput } from '../../../src/protocol/experiment';
import { modelsOfLayers } from '../../../src/trainer/apply/runModels';
import { handleInference, setActiveDecoder } from '../../../src/trainer/inference/inferenceServer';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import type { Autoencoder } from '../../../src/trainer/models/types';
import type { TrainerToHost } from '../../../src/protocol/trainerMessages';
import { disposeAutoencoder, mnistBatch, useCpu } from './helpers';

beforeAll(useCpu);

function build(kind: 'cvae' | 'iwae', model: ExperimentInput['model'] = {}, loss: 'bce' | 'mse' = 'bce', inputShape = [28, 28, 1]): Autoencoder {
  const experiment = experimentSchema.parse({ name: 't', kind, data: { source: 'builtin:mnist' }, model: { hidden: [32], latentDim: 4, ...model }, training: { seed: 9, loss } });
  return buildAutoencoder(experiment, inputShape, undefined, kind === 'cvae' ? 10 : undefined);
}

function valuesOf(parts: { total: tf.Scalar; components: Record<string, tf.Scalar> }): Record<string, number> {
  const out = { total: parts.total.dataSync()[0], ...Object.fromEntries(Object.entries(parts.components).map(([k, v]) => [k, v.dataSync()[0]])) };
  tf.dispose([parts.total, ...Object.values(parts.components)]);
  return out;
}

describe('iwae', () => {
  it('minimises minus the k-sample bound, which is at least the ELBO of the same log weights', () => {
    const autoencoder = build('iwae', { samples: 8 });
    const x = mnistBatch(16);
    for (const training of [false, true]) {
      const { total, iwae_bound, elbo } = valuesOf(autoencoder.loss(x, x, training));
      expect(total).toBeCloseTo(-iwae_bound, 3);
      expect(iwae_bound).toBeGreaterThan(elbo);
    }
    x.dispose();
    disposeAutoencoder(autoencoder);
  });

  it('with one sample the bound is the ELBO', () => {
    const autoencoder = build('iwae', { samples: 1 });
    const x = mnistBatch(8);
    const { iwae_bound, elbo } = valuesOf(autoencoder.loss(x, x, false));
    expect(iwae_bound).toBeCloseTo(elbo, 3);
    x.dispose();
    disposeAutoencoder(autoencoder);
  });

  it('stays finite when every weight underflows exp (log weights near -1e6): the log-mean-exp subtracts the max', () => {
    const autoencoder = build('iwae', { samples: 5 }, 'mse', [20]);
    const x = tf.fill([4, 20], 0.5);
    const far = tf.fill([4, 20], 300); // squared errors ~9e4 per value: log weights about -2e6
    const { iwae_bound, elbo } = valuesOf(autoencoder.loss(x, far, false));
    expect(Number.isFinite(iwae_bound)).toBe(true);
    expect(iwae_bound).toBeLessThan(-1e5);
    expect(iwae_bound).toBeGreaterThanOrEqual(elbo);
    tf.dispose([x, far]);
    disposeAutoencoder(autoencoder);
  });

  it('refuses model.samples on other kinds and outside 1..100', () => {
    const parse = (kind: string, samples: number) => experimentSchema.safeParse({ name: 't', kind, data: { source: 'builtin:mnist' }, model: { samples } });
    expect(parse('iwae', 5).success).toBe(true);
    expect(parse('iwae', 0).success).toBe(false);
    expect(parse('iwae', 101).success).toBe(false);
    const other = parse('vae', 5);
    expect(other.success).toBe(false);
    expect(other.error?.issues[0]).toMatchObject({ path: ['model', 'samples'], message: expect.stringContaining('only kind "iwae"') });
  });
});

describe('cvae', () => {
  it('decodes the same code differently for different labels, and encodes with the label', () => {
    const autoencoder = build('cvae');
    const x = mnistBatch(2);
    const [three, seven] = [3, 7].map((label) => tf.tensor1d([label, label], 'int32'));
    const difference = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => a.sub(b).abs().max().dataSync()[0]);
    const [r3, r7] = [autoencoder.reconstruct(x, three), autoencoder.reconstruct(x, seven)];
    expect(difference(r3, r7)).toBeGreaterThan(1e-4);
    const [c3, c7] = [autoencoder.encode(x, three), autoencoder.encode(x, seven)];
    expect(difference(c3, c7)).toBeGreaterThan(1e-4);
    tf.dispose([x, three, seven, r3, r7, c3, c7]);
    disposeAutoencoder(autoencoder);
  });

  it('without labels, the live model and the saved-model path both condition on the uniform label', () => {
    const autoencoder = build('cvae');
    const x = mnistBatch(3);
    const uniform = tf.tidy(() => autoencoder.encode(x));
    const loaded = modelsOfLayers(autoencoder.encoder, autoencoder.decoder);
    const fromLayers = loaded.encode(x);
    const byHand = tf.tidy(() => (autoencoder.encoder.predict([x, tf.fill([3, 10], 0.1)]) as tf.Tensor[])[0]);
    expect(Array.from(fromLayers.dataSync())).toEqual(Array.from(uniform.dataSync()));
    expect(Array.from(byHand.dataSync())).toEqual(Array.from(uniform.dataSync()));
    const decoded = loaded.decode(fromLayers);
    expect(decoded.shape).toEqual([3, 28, 28, 1]);
    tf.dispose([x, uniform, fromLayers, byHand, decoded]);
    disposeAutoencoder(autoencoder);
  });

  it('the decoder server checks labels against the decoder: per code, within its classes, only for a conditional decoder', async () => {
    const cvae = build('cvae');
    const iwae = build('iwae');
    const answer = (labels?: number[]) =>
      new Promise<Extract<TrainerToHost, { type: 'decoded' }>>((resolve) => handleInference({ type: 'decode', requestId: 1, codes: new Float32Array(8), count: 2, ...(labels ? { labels } : {}) }, (m) => resolve(m as Extract<TrainerToHost, { type: 'decoded' }>)));
    setActiveDecoder(cvae.decoder, [28, 28, 1]);
    const [ok, uniform] = [await answer([3, 7]), await answer()];
    expect(ok.images).toHaveLength(2);
    expect(Array.from(ok.images![0])).not.toEqual(Array.from(ok.images![1])); // same code, two classes
    expect(uniform.images).toHaveLength(2);
    expect((await answer([3])).error).toBe('expected 2 labels, one per code, got 1');
    expect((await answer([3, 10])).error).toBe('label 10 is not a class of this run (0 to 9)');
    setActiveDecoder(iwae.decoder, [28, 28, 1]);
    expect((await answer([1, 2])).error).toBe("this run's decoder is not conditional: it takes no labels");
    setActiveDecoder(undefined);
    disposeAutoencoder(cvae);
    disposeAutoencoder(iwae);
  });
});
