// model.output "mask": the network's output multiplies the noisy magnitudes; the experiment refuses it where there is
// no noisy spectrogram; a saved run (models loaded from files, apply/loadRun) finishes outputs exactly as the trained
// model does; and training it on real audio keeps tf.memory().numTensors flat across epochs.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import { modelsOfLayers, runBatch } from '../../../src/trainer/apply/runModels';
import { selectBackend } from '../../../src/trainer/backends/selectBackend';
import { loadAudioDataset } from '../../../src/trainer/data/audioDataset';
import { splitDataset } from '../../../src/trainer/data/split';
import { applyAudioMask, magnitudeLoss, outputOf } from '../../../src/trainer/models/audioMask';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { trainCountingTensors } from '../../helpers/trainCountingTensors';

const conv = (filters: number, activation: string) => ({ type: 'conv2d', filters, kernelSize: 3, activation, padding: 'same' });
const maskExperiment = {
  name: 'mask',
  kind: 'denoising',
  data: { source: '/usr/share/sounds/alsa/Front_Center.wav', format: 'audio', sampleRate: 8000, stft: { frameSize: 64, hop: 32 }, patchFrames: 4 },
  model: { encoder: [conv(4, 'relu')], decoder: [conv(1, 'sigmoid')], noise: { type: 'audio', snr: 10 }, output: 'mask' },
  training: { epochs: 3, batchSize: 16 },
};

describe('audio ratio mask', () => {
  beforeAll(async () => {
    expect((await selectBackend('wasm')).description).toBe('wasm (SIMD)');
  });

  it('multiplies magnitudes: gain 1 keeps a bin, 0.1 lowers it by 20 dB (0.2 on the [0, 1] scale), never below 0', () => {
    const noisy = tf.tensor([0.9, 0.9, 0.1, 0.5]);
    const out = applyAudioMask(noisy, tf.tensor([1, 0.1, 0.01, 0])).dataSync();
    expect(out[0]).toBeCloseTo(0.9, 5);
    expect(out[1]).toBeCloseTo(0.7, 5);
    expect(out[2]).toBe(0);
    expect(out[3]).toBe(0);
  });

  it('scores magnitudes relative to each sample\'s clean energy, so a quiet and a loud sample missed by the same gain score alike', () => {
    // Each output 20 dB (0.2) below its target: magnitude error (1 - 0.1)^2 of the clean energy, whatever the level.
    const target = tf.tensor([[0.9, 0.9], [0.4, 0.4]]);
    expect(magnitudeLoss(target, target.sub(0.2)).dataSync()[0]).toBeCloseTo(0.81, 4);
    expect(magnitudeLoss(target, target).dataSync()[0]).toBeCloseTo(0, 6);
  });

  it('is refused where there is no noisy spectrogram to mask, naming model.output', () => {
    const gaussian = experimentSchema.safeParse({ ...maskExperiment, model: { ...maskExperiment.model, noise: { type: 'gaussian', sigma: 0.3 } } });
    expect(gaussian.success).toBe(false);
    expect(gaussian.error?.issues[0]).toMatchObject({ path: ['model', 'output'] });
    expect(gaussian.error?.issues[0].message).toContain('noise "gaussian"');
    const deep = experimentSchema.safeParse({ ...maskExperiment, kind: 'deep' });
    expect(deep.error?.issues[0].message).toContain('kind "deep"');
    expect(experimentSchema.safeParse(maskExperiment).success).toBe(true);
  });

  it('trains without leaking tensors, and a saved run\'s models finish outputs as the trained model does', async () => {
    const experiment = experimentSchema.parse(maskExperiment);
    const dataset = loadAudioDataset(experiment.data.source, { ...experiment.data, normalization: 'auto' });
    const { train, validation } = splitDataset(dataset, 0.1, 1);
    const autoencoder = buildAutoencoder(experiment, dataset.sampleShape);
    const { numTensors, metrics } = await trainCountingTensors({ autoencoder, train, validation, training: experiment.training });
    const losses = metrics.map((m) => m.loss);
    expect(numTensors).toHaveLength(3);
    expect(numTensors[2]).toBe(numTensors[1]);
    expect(numTensors[1]).toBe(numTensors[0]);
    expect(losses.every(Number.isFinite)).toBe(true);

    const rows = 8;
    const shape = [rows, ...dataset.sampleShape];
    const x = train.x.subarray(0, rows * dataset.sampleShape.reduce((a, b) => a * b, 1));
    const trained = tf.tidy(() => autoencoder.reconstruct(tf.tensor(x, shape)).dataSync() as Float32Array);
    // What apply/loadRun builds from the files: the bare layers plus the finish the experiment names.
    const saved = runBatch(modelsOfLayers(autoencoder.encoder, autoencoder.decoder, outputOf(experiment.model)), x, shape, 'mse').reconstructions;
    expect(Array.from(saved)).toEqual(Array.from(trained));
    // Without the finish the layers give the mask itself, not the cleaned magnitudes.
    const bare = runBatch(modelsOfLayers(autoencoder.encoder, autoencoder.decoder), x, shape, 'mse').reconstructions;
    expect(Array.from(bare)).not.toEqual(Array.from(trained));
    autoencoder.encoder.dispose();
    autoencoder.decoder.dispose();
  }, 120_000);
});
