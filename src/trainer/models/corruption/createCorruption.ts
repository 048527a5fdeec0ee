// model.noise -> a corruption function, checked against the data shape when the model is built.
import { InputError } from '../../../protocol/errors';
import type { NoiseConfig } from '../../../protocol/experiment';
import { audioNoise } from './audioNoise';
import { downsample } from './downsample';
import { gaussianNoise } from './gaussian';
import { grayscale } from './grayscale';
import { randomBoxes } from './mask';
import { saltAndPepper } from './saltPepper';
import type { Corruption } from './types';
import type { NoiseRecording } from '../../data/audio/noiseRecording';

/** Keras blog denoising setting. */
export const DEFAULT_NOISE: NoiseConfig = { type: 'gaussian', sigma: 0.5 };

/** `recording`: model.noise.file's spectra, loaded with the run's data (runs applied from disk never corrupt, so need none). */
export function createCorruption(config: NoiseConfig | undefined, inputShape: number[], recording?: NoiseRecording): Corruption {
  const noise = config ?? DEFAULT_NOISE;
  const needsImages = noise.type === 'mask' || noise.type === 'downsample' || noise.type === 'grayscale';
  if (needsImages && inputShape.length !== 3) {
    throw new InputError(`noise "${noise.type}" needs image data of shape [height, width, channels], but the data has shape [${inputShape.join(', ')}]; use "gaussian" or "salt-pepper"`, { field: 'model.noise.type' });
  }
  switch (noise.type) {
    case 'gaussian':
      return gaussianNoise(noise.sigma);
    case 'salt-pepper':
      return saltAndPepper(noise.p);
    case 'mask':
      return randomBoxes(noise.boxes, noise.size);
    case 'downsample':
      return downsample(noise.factor);
    case 'grayscale':
      if (inputShape[2] !== 3) throw new InputError(`noise "grayscale" (colourisation) needs RGB images, but the data has ${inputShape[2]} channel(s); use data.channels: 3 with colour images`, { field: 'model.noise.type' });
      return grayscale();
    case 'audio':
      // Meant for data.format "audio" (values are [0, 1] log-magnitudes); on other data it is a multiplicative noise.
      if (noise.file && !recording) {
        return () => {
          throw new Error(`model.noise.file "${noise.file}" was not loaded with the data, so this corruption cannot mix it`);
        };
      }
      return audioNoise(noise.snr, recording);
  }
}
