// White noise at a signal-to-noise ratio, added to log-magnitude spectrogram patches (audio/spectrogramPatches.ts)
// on the fly. The model never sees phases, so the mix is made per STFT bin: a white-noise STFT coefficient N is
// complex Gaussian, so |N|^2 is exponential with mean P_n and its phase relative to the clean bin S is uniform, and
// |S + N|^2 = |S|^2 + |N|^2 + 2 |S| |N| cos(theta) is exactly the noisy bin (correlations between overlapping frames
// are ignored). By Parseval, a white noise whose per-bin power is the mean clean bin power / 10^(snr/10) has that
// SNR on the waveform. The clean power is each patch's own, so every training pair is a mix at the asked SNR (a
// batch-wide power buried quiet patches of a batch with loud ones under noise no model can see through).
import * as tf from '@tensorflow/tfjs';
import { AUDIO_DB_RANGE } from '../../data/audio/spectrogramPatches';
import type { Corruption } from './types';

/** ln(10) / 20: dB of amplitude to natural log. */
const DB_TO_LN = Math.log(10) / 20;

export function audioNoise(snrDb: number): Corruption {
  return (clean, seed) =>
    tf.tidy(() => {
      // [0, 1] -> amplitude relative to full scale (the reference cancels in the ratio and on the way back).
      const amplitude = clean.clipByValue(0, 1).mul(AUDIO_DB_RANGE).sub(AUDIO_DB_RANGE).mul(DB_TO_LN).exp();
      const perSample = Array.from({ length: clean.rank - 1 }, (_, i) => i + 1);
      const noisePower = amplitude.square().mean(perSample, true).div(10 ** (snrDb / 10));
      const u = tf.randomUniform([2, ...clean.shape], 0, 1, 'float32', seed);
      const [u1, u2] = tf.unstack(u);
      // 1 - u is in (0, 1]: the log is finite.
      const noise = tf.scalar(1).sub(u1).log().neg().mul(noisePower).sqrt();
      const cross = amplitude.mul(noise).mul(u2.mul(2 * Math.PI).cos()).mul(2);
      const noisy = amplitude.square().add(noise.square()).add(cross).relu().add(1e-30).sqrt();
      return noisy.log().div(DB_TO_LN).add(AUDIO_DB_RANGE).div(AUDIO_DB_RANGE).clipByValue(0, 1);
    });
}
