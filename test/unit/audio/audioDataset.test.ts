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
import { samplesSpanned } from '../../../src/trainer/data/audio/audioSettings';
import { writePatch } from '../../../src/trainer/data/audio/spectrogramPatches';
import { stft } from '../../../src/trainer/data/audio/stft';
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

  it('refuses a FIFO named .wav instead of blocking on it, naming the file', () => {
    const pipes = join(dir, 'pipes');
    mkdirSync(pipes);
    execFileSync('mkfifo', [join(pipes, 'live.wav')]);
    expect(() => loadAudioDataset(pipes, config)).toThrow(/live\.wav: is a FIFO \(named pipe\), not a regular file/);
  });

  it('adds noise per STFT bin as mixing white noise into each patch\'s waveform does, at the asked SNR', () => {
    const dataset = loadAudioDataset(folder, config);
    const { settings, clips, origins } = dataset.audio!;
    const size = 128 * 16;
    const length = samplesSpanned(16, settings);
    // Each patch's own segment of the recording, mixed with white noise at 5 dB over the segment, then cut like the loader does.
    const mixed = new Float32Array(dataset.x.length);
    dataset.sourceNames!.forEach((name, i) => {
      const { clip, frame } = origins.get(name)!;
      const segment = clips[clip].samples.slice(frame * settings.hop, frame * settings.hop + length);
      const noise = whiteNoiseAt(segment, 5, i + 1);
      writePatch(stft(segment.map((v, j) => v + noise[j]), settings), 0, 16, settings, mixed.subarray(i * size, (i + 1) * size));
    });
    const simulated = tf.tidy(() => audioNoise(5)(tf.tensor(dataset.x, [dataset.count, ...dataset.sampleShape]), 11).dataSync() as Float32Array);
    const mean = (x: Float32Array, keep: (i: number) => boolean = () => true) => {
      let sum = 0;
      let n = 0;
      x.forEach((v, i) => keep(i) && ((sum += v), n++));
      return sum / n;
    };
    // Levels in units of 100 dB: the noise raises the mean level by far more than the 1 dB the two ways differ by.
    expect(mean(mixed) - mean(dataset.x)).toBeGreaterThan(0.1);
    expect(Math.abs(mean(simulated) - mean(mixed))).toBeLessThan(0.01);
    // Quiet bins (clean below -60 dB, which the noise dominates) and loud ones (above -30 dB) agree alike.
    for (const band of [(i: number) => dataset.x[i] < 0.4, (i: number) => dataset.x[i] > 0.7]) {
      expect(Math.abs(mean(simulated, band) - mean(mixed, band))).toBeLessThan(0.02);
    }
  });

  it('leaves no tensors behind', () => {
    const noise = audioNoise(5);
    const clean = tf.randomUniform([4, 128, 16, 1], 0, 1, 'float32', 1);
    noise(clean, 0).dispose();
    const before = tf.memory().numTensors;
    for (let seed = 1; seed < 5; seed++) noise(clean, seed).dispose();
    expect(tf.memory().numTensors).toBe(before);
    clean.dispose();
  });
});
