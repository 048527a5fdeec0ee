// What the model sees of audio: log-magnitude STFT patches as [bins, frames, 1] images, highest frequency in row 0
// (so every image view shows a spectrogram the usual way up). Magnitudes are in dB relative to a full-scale sine's
// peak bin and mapped linearly from [-AUDIO_DB_RANGE, 0] dB to [0, 1] (clipped): a fixed mapping, the same for every
// run with the same frame size, so a corruption, a display or `aelab reconstruct` can invert it without statistics.
import type { Normalization } from '../dataset';
import type { Spectrogram, StftSettings } from './stft';

/** dB below full scale mapped to 0; quieter bins are clipped to it (silence). */
export const AUDIO_DB_RANGE = 100;

/** |X| of a full-scale sine's peak bin under a periodic Hann window (the sum of the window / 2 = frameSize / 4), the 0 dB reference. */
function referenceMagnitude(frameSize: number): number {
  return frameSize / 4;
}

export function magnitudeToUnit(magnitude: number, frameSize: number): number {
  const db = 20 * Math.log10(magnitude / referenceMagnitude(frameSize) + 1e-12);
  return Math.min(1, Math.max(0, (db + AUDIO_DB_RANGE) / AUDIO_DB_RANGE));
}

export function unitToMagnitude(value: number, frameSize: number): number {
  return referenceMagnitude(frameSize) * 10 ** ((Math.min(1, Math.max(0, value)) * AUDIO_DB_RANGE - AUDIO_DB_RANGE) / 20);
}

/** The run's saved normalisation: [0, 1] values are dB + range over range, per value (minmax over dB). */
export function audioNormalization(bins: number, patchFrames: number): Normalization {
  const size = bins * patchFrames;
  return { kind: 'minmax', min: new Array<number>(size).fill(-AUDIO_DB_RANGE), max: new Array<number>(size).fill(0) };
}

/** Writes frames [first, first + patchFrames) of `spectrogram` as one sample into `out` (frames past the end are silence). */
export function writePatch(spectrogram: Spectrogram, first: number, patchFrames: number, settings: StftSettings, out: Float32Array): void {
  const { bins, frames, magnitude } = spectrogram;
  for (let k = 0; k < bins; k++) {
    const row = (bins - 1 - k) * patchFrames;
    for (let f = 0; f < patchFrames; f++) {
      const t = first + f;
      out[row + f] = t < frames ? magnitudeToUnit(magnitude[t * bins + k], settings.frameSize) : 0;
    }
  }
}

/** The inverse of writePatch: a sample's values back into magnitudes of frames [first, ...) (those past the end are dropped). */
export function readPatch(sample: Float32Array, first: number, patchFrames: number, settings: StftSettings, spectrogram: Spectrogram): void {
  const { bins, frames, magnitude } = spectrogram;
  for (let k = 0; k < bins; k++) {
    const row = (bins - 1 - k) * patchFrames;
    for (let f = 0; f < patchFrames && first + f < frames; f++) magnitude[(first + f) * bins + k] = unitToMagnitude(sample[row + f], settings.frameSize);
  }
}
