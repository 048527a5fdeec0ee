// The corruption a denoising run is evaluated with: its experiment's model.noise (the default when it names none),
// rebuilt from the experiment so a run loaded from disk and the live run at the end of training corrupt alike.
import * as tf from '@tensorflow/tfjs';
import type { NoiseConfig } from '../../protocol/experiment';
import { createCorruption, DEFAULT_NOISE } from '../models/corruption/createCorruption';
import type { NoiseRecording } from '../data/audio/noiseRecording';

/** Added to the run's seed and the batch's first row, so an evaluation's noise is the same each time it is computed. */
const EVALUATION_NOISE_SEED = 7919;

export interface EvaluationCorruption {
  /** e.g. "gaussian σ 0.5", for evaluation.json's reconstruction.corruption. */
  description: string;
  /** The corrupted copy of rows of clean samples; `start` is the first row's index in the evaluated set. */
  apply(clean: Float32Array, shape: number[], start: number): Float32Array;
}

export function evaluationCorruption(noise: NoiseConfig | undefined, sampleShape: number[], seed: number, recording?: NoiseRecording): EvaluationCorruption {
  const config = noise ?? DEFAULT_NOISE;
  const corrupt = createCorruption(config, sampleShape, recording);
  return {
    description: describeNoise(config),
    apply: (clean, shape, start) => tf.tidy(() => corrupt(tf.tensor(clean, shape), evaluationNoiseSeed(seed, start)).dataSync() as Float32Array),
  };
}

export function evaluationNoiseSeed(seed: number, start: number): number {
  return seed + EVALUATION_NOISE_SEED + start;
}

function describeNoise(noise: NoiseConfig): string {
  switch (noise.type) {
    case 'gaussian':
      return `gaussian σ ${noise.sigma}`;
    case 'salt-pepper':
      return `salt-and-pepper p ${noise.p}`;
    case 'mask':
      return `${noise.boxes} blanked box${noise.boxes === 1 ? '' : 'es'} of ${noise.size} × the image side`;
    case 'downsample':
      return `downsampled ×${noise.factor} and upsampled back`;
    case 'grayscale':
      return 'grayscale (colourisation)';
    case 'audio':
      return `${noise.file ? `noise file ${noise.file}` : 'white noise'} at ${noise.snr} dB SNR (mixed per STFT bin)`;
  }
}
