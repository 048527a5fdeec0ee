// wae-mmd's MMD estimate against a direct computation, and the AAE's three phases: who trains what.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { discriminatorVerdict, EXPLODED_GENERATOR_LOSS, LOST_EPOCHS, WON_ACCURACY } from '../../../src/trainer/models/aaeStopRule';
import { IMQ_SCALES, imqMmd } from '../../../src/trainer/models/mmd';
import type { EpochMetrics } from '../../../src/protocol/trainerMessages';
import { buildTemplate, disposeAutoencoder, mnistBatch, useCpu } from './helpers';

beforeAll(useCpu);

/** The unbiased IMQ MMD^2 written out with loops, in doubles. */
function referenceMmd(x: number[][], y: number[][]): number {
  const n = x.length;
  const c = 2 * x[0].length;
  const k = (a: number[], b: number[]) => {
    const d = a.reduce((sum, v, i) => sum + (v - b[i]) ** 2, 0);
    return IMQ_SCALES.reduce((sum, s) => sum + (c * s) / (c * s + d), 0);
  };
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i !== j) {
        xx += k(x[i], x[j]);
        yy += k(y[i], y[j]);
      }
      xy += k(x[i], y[j]);
    }
  }
  return xx / (n * (n - 1)) + yy / (n * (n - 1)) - (2 * xy) / (n * n);
}

const rows = (t: tf.Tensor2D) => t.arraySync();

describe('imqMmd', () => {
  it('equals the unbiased estimate computed directly', () => {
    const x = tf.randomNormal([12, 3], 0.5, 1.5, 'float32', 1) as tf.Tensor2D;
    const y = tf.randomNormal([12, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
    const mmd = imqMmd(x, y);
    expect(mmd.dataSync()[0]).toBeCloseTo(referenceMmd(rows(x), rows(y)), 4);
    tf.dispose([x, y, mmd]);
  });

  it('is near 0 for two samples of the prior and large for codes far from it; 0 for a one-row batch', () => {
    const prior = () => tf.randomNormal([200, 8], 0, 1, 'float32', 3) as tf.Tensor2D;
    const [a, b] = [prior(), tf.randomNormal([200, 8], 0, 1, 'float32', 4) as tf.Tensor2D];
    const shifted = a.add(3) as tf.Tensor2D;
    const same = imqMmd(a, b).dataSync()[0];
    const far = imqMmd(shifted, b).dataSync()[0];
    expect(Math.abs(same)).toBeLessThan(0.02);
    expect(far).toBeGreaterThan(50 * Math.abs(same));
    const one = imqMmd(a.slice([0, 0], [1, 8]), b.slice([0, 0], [1, 8]));
    expect(one.dataSync()[0]).toBe(0);
    tf.dispose([a, b, shifted, one]);
  });
});

describe('wae-mmd', () => {
  it('reports recon_loss and mmd, and its total is recon + model.mmdWeight * mmd', () => {
    const wae = buildTemplate('wae-mmd', undefined, (e) => Object.assign(e.model, { hidden: [16], mmdWeight: 7 }));
    const batch = mnistBatch(16);
    const { total, components } = wae.loss(batch, batch, false);
    const [t, r, m] = [total, components.recon_loss, components.mmd].map((s) => s.dataSync()[0]);
    expect(m).toBeGreaterThan(0);
    expect(t).toBeCloseTo(r + 7 * m, 3);
    // Validation draws the same prior batch each time, so val_mmd is comparable across epochs.
    const again = wae.loss(batch, batch, false);
    expect(again.components.mmd.dataSync()[0]).toBe(m);
    tf.dispose([batch, total, ...Object.values(components), again.total, ...Object.values(again.components)]);
    disposeAutoencoder(wae);
  });
});

describe('aae', () => {
  const small = (e: Parameters<NonNullable<Parameters<typeof buildTemplate>[2]>>[0]) => Object.assign(e.model, { hidden: [16], discriminator: [16] });

  it('keeps the main optimizer off the discriminator; afterStep trains the discriminator and the encoder, never the decoder', () => {
    const aae = buildTemplate('aae', undefined, small);
    const discriminator = aae.auxiliary!.find((part) => part.name === 'discriminator')!.variables;
    const trained = new Set(aae.trainedVariables!());
    expect(discriminator.some((v) => trained.has(v))).toBe(false);
    expect(trained.size).toBe(aae.encoder.trainableWeights.length + aae.decoder.trainableWeights.length);
    const snapshot = (vars: tf.Variable[]) => vars.map((v) => Array.from(v.dataSync()));
    const encoderVars = aae.encoder.trainableWeights.map((w) => w.read() as tf.Variable);
    const decoderVars = aae.decoder.trainableWeights.map((w) => w.read() as tf.Variable);
    const before = { d: snapshot(discriminator), e: snapshot(encoderVars), g: snapshot(decoderVars) };
    const batch = mnistBatch(32);
    const scalars = aae.afterStep!(batch, batch);
    expect(Object.keys(scalars).sort()).toEqual(['disc_accuracy', 'disc_loss', 'gen_loss']);
    const accuracy = scalars.disc_accuracy.dataSync()[0];
    expect(accuracy).toBeGreaterThanOrEqual(0);
    expect(accuracy).toBeLessThanOrEqual(1);
    for (const s of Object.values(scalars)) expect(Number.isFinite(s.dataSync()[0])).toBe(true);
    expect(snapshot(discriminator)).not.toEqual(before.d);
    expect(snapshot(encoderVars)).not.toEqual(before.e);
    expect(snapshot(decoderVars)).toEqual(before.g);
    tf.dispose([batch, ...Object.values(scalars)]);
    disposeAutoencoder(aae);
  });

  it('leaks no tensors in afterStep', () => {
    const aae = buildTemplate('aae', undefined, small);
    const batch = mnistBatch(8);
    const step = () => tf.dispose(Object.values(aae.afterStep!(batch, batch)));
    step(); // the optimizers create their slots on the first step
    const count = tf.memory().numTensors;
    step();
    step();
    expect(tf.memory().numTensors).toBe(count);
    batch.dispose();
    disposeAutoencoder(aae);
  });
});

describe('the AAE stop rule', () => {
  const epoch = (n: number, accuracy: number, generatorLoss: number): EpochMetrics => ({ epoch: n, loss: 0.2, val_loss: null, seconds: 1, samples_per_second: 1, disc_accuracy: accuracy, gen_loss: generatorLoss });
  const lost = (n: number) => epoch(n, WON_ACCURACY, EXPLODED_GENERATOR_LOSS + 1);

  it(`ends the run after ${LOST_EPOCHS} lost epochs in a row, and only then`, () => {
    const judge = discriminatorVerdict();
    for (let n = 1; n < LOST_EPOCHS; n++) expect(judge(lost(n), 0.01)).toBeUndefined();
    expect(judge(lost(LOST_EPOCHS), 0.01)).toMatch(/^the discriminator won outright: for 3 epochs in a row \(to epoch 3\).*model\.discriminatorLearningRate \(now 0\.01\)/);
  });

  it('starts counting again after an epoch the encoder holds its own (either condition failing)', () => {
    const judge = discriminatorVerdict();
    const epochs = [lost(1), lost(2), epoch(3, 0.98, 9), lost(4), lost(5), epoch(6, 1, 4.9), lost(7), lost(8)];
    expect(epochs.map((m) => judge(m, 0.01))).toEqual(epochs.map(() => undefined));
  });
});
