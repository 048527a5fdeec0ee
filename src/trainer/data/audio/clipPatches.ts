// A whole clip as the model's patches and back: the clip is padded with frameSize - hop zeros in front (so its
// first samples are covered by as many frames as any other) and at the end up to whole patches; patches do not
// overlap. `rebuild` puts a magnitude for every patch back with the clip's own phase and returns the clip's samples.
import type { AudioSettings } from './audioSettings';
import { samplesSpanned } from './audioSettings';
import { readPatch, writePatch } from './spectrogramPatches';
import { istft, stft, type Spectrogram } from './stft';

export interface ClipPatches {
  /** count patches, each bins * patchFrames values in [0, 1]. */
  x: Float32Array;
  count: number;
  /** Rebuilds the clip from one magnitude patch per patch (same layout as x), with the clip's phase. */
  rebuild(patches: Float32Array): Float32Array;
}

export function clipPatches(samples: Float32Array, settings: AudioSettings): ClipPatches {
  const { frameSize, hop, patchFrames } = settings;
  const front = frameSize - hop;
  const wanted = Math.ceil(Math.max(0, samples.length + 2 * front - frameSize) / hop) + 1;
  const frames = Math.ceil(wanted / patchFrames) * patchFrames;
  const padded = new Float32Array(samplesSpanned(frames, settings));
  padded.set(samples, front);
  const spectrogram = stft(padded, settings);
  const count = frames / patchFrames;
  const size = spectrogram.bins * patchFrames;
  const x = new Float32Array(count * size);
  for (let p = 0; p < count; p++) writePatch(spectrogram, p * patchFrames, patchFrames, settings, x.subarray(p * size, (p + 1) * size));
  return {
    x,
    count,
    rebuild(patches) {
      const cleaned: Spectrogram = { ...spectrogram, magnitude: new Float32Array(spectrogram.magnitude.length) };
      for (let p = 0; p < count; p++) readPatch(patches.subarray(p * size, (p + 1) * size), p * patchFrames, patchFrames, settings, cleaned);
      return istft(cleaned, settings, padded.length).slice(front, front + samples.length);
    },
  };
}
