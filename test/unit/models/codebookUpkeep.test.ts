// The VQ-VAE's codebook upkeep: the run's first training batch initialises the codebook from z_e (only in epoch 1, so a
// resume never does), dead codes restart at an epoch's end on that epoch's z_e and are then picked, the same seed gives
// the same codebook and another seed another, and no tensors are left behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { CodebookUpkeep } from '../../../src/trainer/models/codebookUpkeep';
import type { Autoencoder } from '../../../src/trainer/models/types';
import { findVectorQuantizer, nearestCodes, VectorQuantizer } from '../../../src/trainer/models/vectorQuantizer';
import { disposeAutoencoder, useCpu } from './helpers';

beforeAll(useCpu);

const SHAPE = [8, 8, 1];
const build = (seed = 3) =>
  buildAutoencoder(
    experimentSchema.parse({ name: 'vq', kind: 'vq-vae', data: { source: 'builtin:mnist' }, model: { filters: [4], latentDim: 3, codebookSize: 6 }, training: { loss: 'mse', seed } }),
    SHAPE,
  );
const batch = () => tf.randomUniform([4, ...SHAPE], 0, 1, 'float32', 11);
const codebookOf = (autoencoder: Autoencoder) => Array.from(findVectorQuantizer(autoencoder.decoder)!.codebook.dataSync());
const trainingLoss = (autoencoder: Autoencoder, x: tf.Tensor) => {
  const { total, components } = autoencoder.loss(x, x, true);
  tf.dispose([total, ...Object.values(components)]);
};

/** A quantizer with a fixed codebook on 2-d vectors. */
function quantizerWith(codes: number[][]): VectorQuantizer {
  const quantizer = new VectorQuantizer({ codebookSize: codes.length });
  quantizer.apply(tf.input({ shape: [2] }));
  (quantizer.codebook as tf.Variable).assign(tf.tensor2d(codes));
  return quantizer;
}

describe('codebook initialisation from z_e', () => {
  it('sets every code to a z_e vector of the first batch of epoch 1, and not in a later (resumed) epoch', () => {
    const x = batch();
    const fresh = build();
    const ze = fresh.encoder.predict(x) as tf.Tensor;
    const positions = ze.reshape([-1, 3]).arraySync() as number[][];
    const before = codebookOf(fresh);
    fresh.epochStats!.reset(1);
    trainingLoss(fresh, x);
    const codes = tf.tensor(codebookOf(fresh), [6, 3]).arraySync() as number[][];
    for (const code of codes) expect(positions.some((p) => p.every((v, i) => Math.abs(v - code[i]) < 1e-6)), `code ${code}`).toBe(true);
    // Distinct positions (the batch has 4·4·4 = 64 of them for 6 codes).
    expect(new Set(codes.map((c) => c.join())).size).toBe(6);

    const resumed = build();
    resumed.epochStats!.reset(2);
    const untouched = codebookOf(resumed);
    trainingLoss(resumed, x);
    // A resumed run starts at epoch 2 or later: only the optimizer step could move the codebook, and no step ran here.
    expect(codebookOf(resumed)).toEqual(untouched);
    expect(codebookOf(fresh)).not.toEqual(before);
    tf.dispose([x, ze]);
    disposeAutoencoder(fresh);
    disposeAutoencoder(resumed);
  });

  it('the same seed gives the same codebook, another seed another', () => {
    const x = batch();
    const initialised = (seed: number) => {
      const autoencoder = build(seed);
      autoencoder.epochStats!.reset(1);
      trainingLoss(autoencoder, x);
      autoencoder.epochStats!.read();
      const codebook = codebookOf(autoencoder);
      disposeAutoencoder(autoencoder);
      return codebook;
    };
    expect(initialised(3)).toEqual(initialised(3));
    expect(initialised(3)).not.toEqual(initialised(4));
    x.dispose();
  });
});

describe('dead-code restarts', () => {
  it('replaces the codes no position picked in the epoch by z_e of the epoch, which then revives them', () => {
    // Codes 2 and 3 lie far from every z_e: dead.
    const quantizer = quantizerWith([[0, 0], [1, 1], [50, 50], [-50, 50]]);
    const upkeep = new CodebookUpkeep(quantizer, 7);
    const ze = tf.tensor2d([[0.1, 0], [0.9, 1], [3, -3], [-3, 3], [0.2, 0.1], [1.2, 0.8]]);
    upkeep.reset(2);
    upkeep.beforeQuantize(ze);
    upkeep.count(nearestCodes(ze, quantizer.codebook));
    expect(upkeep.read()).toMatchObject({ dead_codes: 2, restarted_codes: 2 });
    const codes = quantizer.codebook.arraySync();
    expect(codes.slice(0, 2)).toEqual([[0, 0], [1, 1]]);
    const rows = ze.arraySync();
    for (const code of codes.slice(2)) expect(rows.some((row) => row[0] === code[0] && row[1] === code[1]), `code ${code}`).toBe(true);
    expect(codes[2]).not.toEqual(codes[3]);

    // Each restarted code is a z_e vector, so at least that position picks it now.
    const picked = nearestCodes(ze, quantizer.codebook);
    expect(Array.from(picked.dataSync())).toEqual(expect.arrayContaining([2, 3]));
    picked.dispose();
    ze.dispose();
    quantizer.dispose();
  });

  it('restarts from the epoch\'s latest batch with a position per code, not from a short last batch', () => {
    const quantizer = quantizerWith([[0, 0], [500, 500], [600, 600]]);
    const upkeep = new CodebookUpkeep(quantizer, 5);
    const full = tf.tensor2d([[1, 1], [2, 2], [3, 3], [4, 4]]);
    const short = tf.tensor2d([[-9, -9]]);
    upkeep.reset(2);
    for (const ze of [full, short]) {
      upkeep.beforeQuantize(ze);
      upkeep.count(nearestCodes(ze, quantizer.codebook));
    }
    expect(upkeep.read()).toMatchObject({ dead_codes: 2, restarted_codes: 2 });
    const restarted = quantizer.codebook.arraySync().slice(1);
    for (const code of restarted) expect([1, 2, 3, 4]).toContain(code[0]);
    expect(restarted[0]).not.toEqual(restarted[1]);
    tf.dispose([full, short]);
    quantizer.dispose();
  });

  it('restarts the same way for the same seed and epoch, differently for another epoch', () => {
    const ze = tf.tensor2d(Array.from({ length: 40 }, (_, i) => [i, -i]));
    const restarted = (epoch: number) => {
      const quantizer = quantizerWith([[0, 0], [500, 500], [600, 600]]);
      const upkeep = new CodebookUpkeep(quantizer, 5);
      upkeep.reset(epoch);
      upkeep.beforeQuantize(ze);
      upkeep.count(nearestCodes(ze, quantizer.codebook));
      upkeep.read();
      const codes = quantizer.codebook.arraySync();
      quantizer.dispose();
      return codes;
    };
    expect(restarted(4)).toEqual(restarted(4));
    expect(restarted(4)).not.toEqual(restarted(5));
    ze.dispose();
  });

  it('leaks no tensors over epochs of loss calls, initialisation and restarts', () => {
    const autoencoder = build();
    const x = batch();
    const epoch = (n: number) => {
      autoencoder.epochStats!.reset(n);
      trainingLoss(autoencoder, x);
      trainingLoss(autoencoder, x);
      return autoencoder.epochStats!.read();
    };
    epoch(1);
    const tensors = tf.memory().numTensors;
    const stats = epoch(2);
    epoch(3);
    expect(stats.restarted_codes).toBe(stats.dead_codes);
    expect(tf.memory().numTensors).toBe(tensors);
    x.dispose();
    disposeAutoencoder(autoencoder);
  });
});
