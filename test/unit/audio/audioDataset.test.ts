// The audio format on real recordings: espeak-ng speech and the alsa-utils sounds become spectrogram patches, a
// folder of WAV files is detected as audio, and the on-the-fly noise of the denoising kind matches what mixing white
// noise into the waveform does to the same patches.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatOfPath } from '../../../src/protocol/dataFormats';
import { loadAudioDataset } from '../../../src/trainer/data/audioDataset';
import { clipPatches } from '../../../src/trainer/data/audio/clipPatches';
import { readWavMono } from '../../../src/trainer/data/audio/wavFile';
import { detectFormat } from '../../../src/trainer/data/detectFormat';
import { whiteNoiseAt } from '../../../src/trainer/evaluate/metrics/snr';
import { audioNoise } from '../../../src/trainer/models/corruption/audioNoise';
import { tempWorkspace } from '../../helpers/experimentFiles';

const ALSA = '/usr/share/sounds/alsa';
const config = { sampleRate: 8000, stft: { frameSize: 256, hop: 128 }, patchFrames: 16, normalization: 'auto' as const };

describe('audio data', () => {
  const dir = tempWorkspace('aelab-audio-');
  const folder = join(dir, 'recordings');

  beforeAll(() => {
    mkdirSync(join(folder, 'speech'), { recursive: true });
    execFileSync('espeak-ng', ['-w', join(folder, 'speech', 'fox.wav'), 'The quick brown fox jumps over the lazy dog']);
    copyFileSync(join(ALSA, 'Front_Center.wav'), join(folder, 'Front_Center.wav'));
    writeFileSync(join(folder, 'notes.txt'), 'not audio');
  });

  it('detects a folder of WAV files as audio, and a folder of images as images', () => {
    expect(detectFormat(folder)).toBe('audio');
    expect(formatOfPath(folder, true, ['a.png', 'b.wav'])).toBe('images');
    expect(formatOfPath(join(folder, 'x.WAV'), false)).toBe('audio');
  });

  it('cuts every WAV file under the folder into [frameSize / 2, patchFrames, 1] patches in [0, 1]', () => {
    const dataset = loadAudioDataset(folder, config);
    expect(dataset.sampleShape).toEqual([128, 16, 1]);
    const seconds = (readWavMono(join(folder, 'speech', 'fox.wav'), 8000).samples.length + readWavMono(join(folder, 'Front_Center.wav'), 8000).samples.length) / 8000;
    // Patches start every 8 frames of 128 samples (0.128 s), and span 16 frames (0.27 s).
    expect(dataset.count).toBeGreaterThan(seconds / 0.128 - 6);
    expect(dataset.count).toBeLessThan(seconds / 0.128 + 1);
    expect(Math.min(...dataset.x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...dataset.x)).toBeLessThanOrEqual(1);
    expect(dataset.audio?.clips.map((c) => c.name)).toEqual(['Front_Center.wav', 'speech/fox.wav']);
    expect(dataset.sourceNames?.[1]).toBe('Front_Center.wav @ 0.128 s');
    expect(dataset.audio?.origins.get('Front_Center.wav @ 0.128 s')).toEqual({ clip: 0, frame: 8 });
    expect(dataset.notes[0]).toMatch(/read 2 WAV files .*Front_Center\.wav \(48000 Hz, 16-bit, 1 channel\)/);
  });

  it('refuses a folder without WAV files, naming it', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'a.txt'), 'x');
    expect(() => loadAudioDataset(empty, config)).toThrow(/empty: folder holds no \.wav files/);
  });

  it('adds noise per STFT bin as mixing white noise into the waveform does, at the asked SNR', () => {
    const speech = readWavMono(join(folder, 'speech', 'fox.wav'), 8000).samples;
    const settings = { sampleRate: 8000, frameSize: 256, hop: 128, patchFrames: 16 };
    const clean = clipPatches(speech, settings);
    const noise = whiteNoiseAt(speech, 5, 3);
    const mixed = clipPatches(speech.map((v, i) => v + noise[i]), settings);
    const simulated = tf.tidy(() => audioNoise(5)(tf.tensor(clean.x, [clean.count, 128, 16, 1]), 11).dataSync() as Float32Array);
    const mean = (x: Float32Array) => x.reduce((a, b) => a + b, 0) / x.length;
    // The clip is one batch here, so the batch's mean power is the clip's: the noisy patches' mean level (in units of
    // 100 dB) agrees within 2 dB, and the noise raises it by far more than that.
    expect(mean(mixed.x) - mean(clean.x)).toBeGreaterThan(0.1);
    expect(Math.abs(mean(simulated) - mean(mixed.x))).toBeLessThan(0.02);
    // Silent bins (clean at the floor) get the noise floor: their simulated and mixed levels agree within 3 dB.
    const floorMean = (x: Float32Array) => mean(x.filter((_, i) => clean.x[i] === 0));
    expect(Math.abs(floorMean(simulated) - floorMean(mixed.x))).toBeLessThan(0.03);
  });
});
