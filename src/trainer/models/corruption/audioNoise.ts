// Noise at a signal-to-noise ratio, added to log-magnitude spectrogram patches (audio/spectrogramPatches.ts) on the
// fly: white noise, or a recording of noise (model.noise.file). The model never sees phases, so the mix is made per
// STFT bin: with the noise bin N at a phase theta relative to the clean bin S (uniform: the two are independent),
// |S + N|^2 = |S|^2 + |N|^2 + 2 |S| |N| cos(theta) is exactly the noisy bin (correlations between overlapping frames
// are ignored). A white-noise STFT coefficient is complex Gaussian, so its |N|^2 is exponential around its mean; by
// Parseval, white noise whose per-bin power is the mean clean bin power / 10^(snr/10) has that SNR on the waveform. A
// recording's |N|^2 is its own STFT over patchFrames frames from a random offset (looping), scaled to the same mean.
// The clean power is each patch's own, so every training pair is a mix at the asked SNR (a batch-wide power buried
// quiet patches of a batch with loud ones under noise no model can see through).
import * as tf from '@tensorflow/tfjs';
import type { NoiseRecording } from '../../data/audio/noiseRecording';
import { seededUnit } from '../../data/audio/noiseRecording';
import { AUDIO_DB_RANGE } from '../../data/audio/spectrogramPatches';
import type { Corruption } from './types';

/** ln(10) / 20: dB of amplitude to natural log. */
const DB_TO_LN = Math.log(10) / 20;

/** `recording`: a noise file's spectra; without it, white noise. */
export function audioNoise(snrDb: number, recording?: NoiseRecording): Corruption {
  return (clean, seed) =>
    tf.tidy(() => {
      // [0, 1] -> amplitude relative to full scale (the reference cancels in the ratio and on the way back).
      const amplitude = clean.clipByValue(0, 1).mul(AUDIO_DB_RANGE).sub(AUDIO_DB_RANGE).mul(DB_TO_LN).exp();
      const perSample = Array.from({ length: clean.rank - 1 }, (_, i) => i + 1);
      const noisePower = amplitude.square().mean(perSample, true).div(10 ** (snrDb / 10));
      const u = tf.randomUniform([2, ...clean.shape], 0, 1, 'float32', seed);
      const [u1, u2] = tf.unstack(u);
      // White: 1 - u is in (0, 1], so the log is finite. A recording: its segment's power, scaled to a mean of 1.
      const shape = recording ? recordingShape(recording, clean.shape, seed) : tf.scalar(1).sub(u1).log().neg();
      const noise = shape.mul(noisePower).sqrt();
      const cross = amplitude.mul(noise).mul(u2.mul(2 * Math.PI).cos()).mul(2);
      const noisy = amplitude.square().add(noise.square()).add(cross).relu().add(1e-30).sqrt();
      return noisy.log().div(DB_TO_LN).add(AUDIO_DB_RANGE).div(AUDIO_DB_RANGE).clipByValue(0, 1);
    });
}

/** Per sample, the recording's power over patchFrames frames from a seeded offset, laid out as a patch and divided by its mean. */
function recordingShape(recording: NoiseRecording, shape: number[], seed: number): tf.Tensor {
  const [count, bins, patchFrames] = shape;
  if (bins !== recording.bins) throw new Error(`model.noise.file has ${recording.bins} STFT bins but the patches have ${bins}`);
  const size = bins * patchFrames;
  const out = new Float32Array(count * size);
  for (let s = 0; s < count; s++) {
    const first = Math.floor(seededUnit(seed * 7919 + s) * recording.frames);
    let sum = 0;
    for (let k = 0; k < bins; k++) {
      // Row 0 is the highest frequency, as in writePatch.
      const row = s * size + (bins - 1 - k) * patchFrames;
      for (let f = 0; f < patchFrames; f++) {
        const value = recording.power[((first + f) % recording.frames) * recording.bins + k];
        out[row + f] = value;
        sum += value;
      }
    }
    // A silent stretch cannot be scaled: flat noise at the mean stands in for it.
    const mean = sum / size;
    for (let i = s * size; i < (s + 1) * size; i++) out[i] = mean > 0 ? out[i] / mean : 1;
  }
  return tf.tensor(out, shape);
}
