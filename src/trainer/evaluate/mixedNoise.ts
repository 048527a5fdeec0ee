// The noise an audio run's evaluation and audio view add to a clean waveform: white noise, or, with model.noise.file,
// a seeded segment of that recording (looped) — the same noise the model was trained against, at the run's SNR.
import type { NoiseRecording } from '../data/audio/noiseRecording';
import { seededUnit } from '../data/audio/noiseRecording';
import { whiteNoiseAt } from './metrics/snr';

/** Noise to add to `clean` so the mix has `snr` dB SNR over the whole segment. */
export function noiseAt(clean: ArrayLike<number>, snr: number, seed: number, recording: NoiseRecording | undefined): Float32Array {
  if (!recording) return whiteNoiseAt(clean, snr, seed);
  const { samples } = recording;
  const start = Math.floor(seededUnit(seed) * samples.length);
  const noise = new Float32Array(clean.length);
  let cleanPower = 0;
  let noisePower = 0;
  for (let i = 0; i < clean.length; i++) {
    noise[i] = samples[(start + i) % samples.length];
    cleanPower += clean[i] * clean[i];
    noisePower += noise[i] * noise[i];
  }
  // A silent stretch of the recording cannot be scaled to any SNR: white noise stands in for it.
  if (noisePower === 0) return whiteNoiseAt(clean, snr, seed);
  const gain = Math.sqrt(cleanPower / 10 ** (snr / 10) / noisePower);
  for (let i = 0; i < noise.length; i++) noise[i] *= gain;
  return noise;
}
