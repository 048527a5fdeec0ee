// WAV decoding (every PCM depth and float, stereo to mono, resampling, refusals), the STFT against a direct DFT, and
// the inverse STFT's reconstruction.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WaveFile } from 'wavefile';
import { describe, expect, it } from 'vitest';
import { clipPatches } from '../../../src/trainer/data/audio/clipPatches';
import { hannWindow, istft, stft } from '../../../src/trainer/data/audio/stft';
import { readWavMono } from '../../../src/trainer/data/audio/wavFile';
import { snrDb } from '../../../src/trainer/evaluate/metrics/snr';
import { tempWorkspace } from '../../helpers/experimentFiles';

const RATE = 8000;

function sine(length: number, hz: number, rate = RATE, amplitude = 0.5): Float64Array {
  return Float64Array.from({ length }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
}

function writeWav(file: string, channels: Float64Array[], rate: number, depth: string): void {
  const wav = new WaveFile();
  const scale = depth === '32f' ? 1 : depth === '8' ? 127 : 2 ** (Number(depth) - 1) - 1;
  const offset = depth === '8' ? 128 : 0; // 8-bit WAV is unsigned
  const data = channels.map((c) => Array.from(c, (v) => (depth === '32f' ? v : Math.round(v * scale) + offset)));
  wav.fromScratch(channels.length, rate, depth, channels.length === 1 ? data[0] : data);
  writeFileSync(file, wav.toBuffer());
}

describe('readWavMono', () => {
  const dir = tempWorkspace('aelab-wav-');

  it.each(['8', '16', '24', '32', '32f'])('reads %s-bit samples back to [-1, 1]', (depth) => {
    const file = join(dir, `sine-${depth}.wav`);
    const signal = sine(800, 440);
    writeWav(file, [signal], RATE, depth);
    const audio = readWavMono(file, RATE);
    expect(audio.samples.length).toBe(800);
    // 8-bit keeps about 42 dB of SNR, 16-bit and more far beyond.
    expect(snrDb(signal, audio.samples)).toBeGreaterThan(depth === '8' ? 35 : 70);
  });

  it('mixes stereo to mono', () => {
    const file = join(dir, 'stereo.wav');
    const left = sine(400, 300);
    const right = sine(400, 700);
    writeWav(file, [left, right], RATE, '16');
    const audio = readWavMono(file, RATE);
    expect(audio.original).toBe('8000 Hz, 16-bit, 2 channels');
    expect(snrDb(left.map((v, i) => (v + right[i]) / 2), audio.samples)).toBeGreaterThan(70);
  });

  it('resamples to the asked rate and keeps the tone', () => {
    const file = join(dir, 'at16k.wav');
    writeWav(file, [sine(16000, 500, 16000)], 16000, '16');
    const audio = readWavMono(file, RATE);
    expect(audio.samples.length).toBe(8000);
    // Away from the edges, the 8 kHz samples are the same 500 Hz sine: same RMS (0.5 / sqrt 2), and in phase up to
    // the sinc filter's fraction of a sample of delay (19 dB SNR measured; one whole sample off gives 6 dB).
    const middle = audio.samples.subarray(200, 7800);
    expect(Math.sqrt(middle.reduce((sum, v) => sum + v * v, 0) / middle.length)).toBeCloseTo(0.5 / Math.SQRT2, 2);
    expect(snrDb(sine(8000, 500).subarray(200, 7800), middle)).toBeGreaterThan(15);
  });

  it('names the file and what it expected for a file that is not WAV', () => {
    const file = join(dir, 'text.wav');
    writeFileSync(file, 'not a wav file at all');
    expect(() => readWavMono(file, RATE)).toThrow(new RegExp(`${file.replace(/[/.]/g, '\\$&')}: is not a readable WAV file .*expected a RIFF/WAVE file with PCM`));
  });

  it('refuses a WAV file without samples', () => {
    const file = join(dir, 'empty.wav');
    const wav = new WaveFile();
    wav.fromScratch(1, RATE, '16', []);
    writeFileSync(file, wav.toBuffer());
    expect(() => readWavMono(file, RATE)).toThrow(/empty\.wav: holds no samples/);
  });
});

describe('stft', () => {
  it('gives the magnitudes of a direct DFT of each Hann-windowed frame', () => {
    const signal = Float32Array.from({ length: 200 }, (_, i) => Math.sin(i * 0.3) + 0.3 * Math.cos(i * 1.1) + ((i * 7919) % 13) / 50);
    const settings = { frameSize: 32, hop: 16 };
    const spectrogram = stft(signal, settings);
    expect(spectrogram.frames).toBe(Math.floor((200 - 32) / 16) + 1);
    const window = hannWindow(32);
    for (const t of [0, 3, spectrogram.frames - 1]) {
      for (let k = 0; k < 16; k++) {
        let re = 0;
        let im = 0;
        for (let n = 0; n < 32; n++) {
          const x = signal[t * 16 + n] * window[n];
          re += x * Math.cos((-2 * Math.PI * k * n) / 32);
          im += x * Math.sin((-2 * Math.PI * k * n) / 32);
        }
        expect(spectrogram.magnitude[t * 16 + k]).toBeCloseTo(Math.hypot(re, im), 4);
      }
    }
  });

  it('is inverted by the overlap-add istft where frames cover the signal', () => {
    const signal = Float32Array.from(sine(1024, 250, RATE, 0.4), (v, i) => v + 0.1 * Math.sin(i * 2.2));
    const settings = { frameSize: 64, hop: 32 };
    const back = istft(stft(signal, settings), settings, signal.length);
    // The first and last hop are covered by one frame's window edge only; the Nyquist bin is dropped (nearly empty here).
    expect(snrDb(signal.subarray(32, 992), back.subarray(32, 992))).toBeGreaterThan(60);
  });

  it('cuts a clip into patches and rebuilds the whole clip, edges included', () => {
    const clip = Float32Array.from(sine(3001, 350, RATE, 0.3), (v, i) => v + 0.05 * Math.sin(i * 1.7));
    const patches = clipPatches(clip, { sampleRate: RATE, frameSize: 128, hop: 64, patchFrames: 8 });
    expect(patches.x.length).toBe(patches.count * 64 * 8);
    // Only the -100 dB floor and the dropped Nyquist bin are lost.
    expect(snrDb(clip, patches.rebuild(patches.x))).toBeGreaterThan(40);
  });
});
