// The audio view's message: a few clips of real recordings (alsa-utils) as clean input, noisy mix and model output,
// each a WAV and a spectrogram, with the SNRs; sent after each epoch and kept in views/, without leaking tensors.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { WaveFile } from 'wavefile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experimentSchema, type Experiment } from '../../../src/protocol/experiment';
import { MAX_AUDIO_CLIP_SECONDS, MAX_AUDIO_CLIPS, trainerToHostSchema, type TrainerMessageOf, type TrainerToHost } from '../../../src/protocol/trainerMessages';
import { readViewSnapshot } from '../../../src/runs/viewFiles';
import { audioClipsMessage } from '../../../src/trainer/analysis/audioClips';
import type { Dataset } from '../../../src/trainer/data/dataset';
import { loadDataset } from '../../../src/trainer/data/loadDataset';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import type { Autoencoder } from '../../../src/trainer/models/types';
import { startEpochViews } from '../../../src/trainer/run/epochViews';

const SOUNDS = ['Front_Center.wav', 'Front_Left.wav', 'Rear_Right.wav', 'Side_Left.wav'];
const conv = (filters: number, activation: string) => ({ type: 'conv2d', filters, kernelSize: 3, activation, padding: 'same' });

function experimentWith(noise: unknown): Experiment {
  return experimentSchema.parse({
    name: 'audio-view',
    kind: 'denoising',
    data: { source: 'sounds', format: 'audio', sampleRate: 8000, stft: { frameSize: 256, hop: 128 }, patchFrames: 8 },
    model: { encoder: [conv(4, 'relu')], decoder: [conv(1, 'linear')], ...(noise ? { noise } : {}) },
    training: { epochs: 1, batchSize: 16, loss: 'mse', seed: 3 },
  });
}

/** Decodes WAV bytes: rate, depth and samples in [-1, 1]. */
function decodeWav(bytes: Uint8Array): { rate: number; depth: string; samples: Float64Array } {
  const wav = new WaveFile(bytes);
  const rate = (wav.fmt as { sampleRate: number }).sampleRate;
  const depth = String(wav.bitDepth);
  wav.toBitDepth('32f');
  return { rate, depth, samples: wav.getSamples(false, Float64Array) as unknown as Float64Array };
}

let workspace: string;
let dataset: Dataset;
const noisyExperiment = experimentWith({ type: 'audio', snr: 5 });

beforeAll(async () => {
  await tf.setBackend('cpu');
  workspace = mkdtempSync(join(tmpdir(), 'aelab-audio-view-'));
  mkdirSync(join(workspace, 'sounds'));
  for (const name of SOUNDS) copyFileSync(join('/usr/share/sounds/alsa', name), join(workspace, 'sounds', name));
  dataset = await loadDataset(noisyExperiment.data, join(workspace, 'audio.ae.json'), 'mse');
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

/** Gives its input back: the output is the noisy mix's magnitudes, rebuilt with the noisy phase. */
function identity(autoencoder: Autoencoder): Autoencoder {
  return { ...autoencoder, reconstruct: (input) => tf.clone(input) };
}

describe('audio clips message', () => {
  it('sends up to three clips of different files, each as clean, noisy and output WAVs and spectrograms', () => {
    const message = audioClipsMessage(buildAutoencoder(noisyExperiment, dataset.sampleShape), dataset, 2, noisyExperiment)!;
    expect(trainerToHostSchema.parse(message)).toBeTruthy();
    expect(message.epoch).toBe(2);
    expect(message.mixSnr).toBe(5);
    expect(message.sampleRate).toBe(8000);
    expect(message.clips).toHaveLength(MAX_AUDIO_CLIPS);
    expect(new Set(message.clips.map((c) => c.name)).size).toBe(MAX_AUDIO_CLIPS);
    for (const clip of message.clips) {
      expect(SOUNDS).toContain(clip.name);
      expect(clip.seconds).toBeLessThanOrEqual(MAX_AUDIO_CLIP_SECONDS);
      expect(clip.bins).toBe(128);
      for (const track of [clip.input, clip.noisy!, clip.output]) {
        const wav = decodeWav(track.wav);
        expect(wav).toMatchObject({ rate: 8000, depth: '16' });
        expect(wav.samples.length).toBe(Math.round(clip.seconds * 8000));
        expect(track.spectrogram.length).toBe(clip.bins * clip.frames);
        expect(track.spectrogram.some((v) => v > 0)).toBe(true);
      }
      // The evaluation's mix: exactly the run's SNR against the clean clip.
      expect(clip.snr!.noisy).toBeCloseTo(5, 3);
      expect(Number.isFinite(clip.siSnr!.output)).toBe(true);
      // The noisy mix is louder in its quietest bins than the clean input.
      const mean = (values: Uint8Array) => values.reduce((a, b) => a + b, 0) / values.length;
      expect(mean(clip.noisy!.spectrogram)).toBeGreaterThan(mean(clip.input.spectrogram));
    }
  });

  it('rebuilds the output with the noisy phase: a model that gives its input back scores the noisy mix', () => {
    const message = audioClipsMessage(identity(buildAutoencoder(noisyExperiment, dataset.sampleShape)), dataset, 1, noisyExperiment)!;
    for (const clip of message.clips) {
      expect(Math.abs(clip.snr!.output - clip.snr!.noisy)).toBeLessThan(0.5);
      expect(Array.from(clip.output.spectrogram)).toEqual(Array.from(clip.noisy!.spectrogram));
    }
  });

  it('has no noisy track without audio noise, and is not sent for other data or label-conditioned kinds', () => {
    const plain = experimentWith(null);
    const autoencoder = identity(buildAutoencoder(plain, dataset.sampleShape));
    const message = audioClipsMessage(autoencoder, dataset, 1, plain)!;
    expect(message.mixSnr).toBeNull();
    for (const clip of message.clips) {
      expect(clip.noisy).toBeNull();
      expect(clip.snr).toBeNull();
      expect(Array.from(clip.output.spectrogram)).toEqual(Array.from(clip.input.spectrogram));
    }
    expect(audioClipsMessage({ ...autoencoder, conditional: { classes: 2 } }, dataset, 1, plain)).toBeUndefined();
    expect(audioClipsMessage(autoencoder, { ...dataset, audio: undefined }, 1, plain)).toBeUndefined();
  });

  it('is sent after each epoch of an audio run and kept in views/audioClips.json', () => {
    const runDir = mkdtempSync(join(tmpdir(), 'aelab-audio-view-run-'));
    try {
      const sent: TrainerToHost[] = [];
      const views = startEpochViews(runDir, (m) => sent.push(m), buildAutoencoder(noisyExperiment, dataset.sampleShape), noisyExperiment, dataset, dataset);
      views.afterEpoch(1);
      const clips = sent.filter((m): m is TrainerMessageOf<'audioClips'> => m.type === 'audioClips');
      expect(clips).toHaveLength(1);
      const kept = readViewSnapshot(runDir, 'audioClips');
      expect(kept?.epoch).toBe(1);
      expect(Array.from(kept!.clips[0].output.wav)).toEqual(Array.from(clips[0].clips[0].output.wav));
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
  });

  it('keeps tf.memory().numTensors flat across epochs', () => {
    const autoencoder = buildAutoencoder(noisyExperiment, dataset.sampleShape);
    audioClipsMessage(autoencoder, dataset, 1, noisyExperiment);
    const before = tf.memory().numTensors;
    for (let epoch = 2; epoch <= 4; epoch++) audioClipsMessage(autoencoder, dataset, epoch, noisyExperiment);
    expect(tf.memory().numTensors).toBe(before);
  });
});
