// model.noise.file: a WAV recording of noise mixed into audio instead of white noise. Loaded once when the run's data
// is prepared, at the run's sample rate and STFT settings, resolved against the experiment file as data.source is (a
// resumed run or a saved run evaluated again reads the same experiment file, so it finds the same noise file).
import { existsSync } from 'node:fs';
import { InputError } from '../../../protocol/errors';
import type { Experiment } from '../../../protocol/experiment';
import { resolveDataPath } from '../loadDataset';
import type { AudioSettings } from './audioSettings';
import { stft } from './stft';
import { readWavMono } from './wavFile';

export interface NoiseRecording {
  /** As written in model.noise.file. */
  name: string;
  /** Mono, at the run's sample rate. */
  samples: Float32Array;
  frames: number;
  bins: number;
  /** Per frame and bin (frame * bins + bin): |X|^2 relative to a full-scale sine's peak bin, the corruption's scale. */
  power: Float32Array;
}

const FIELD = 'model.noise.file';

/** The experiment's noise recording, or undefined when model.noise names no file. */
export function loadNoiseRecording(experiment: Experiment, experimentFile: string, settings: AudioSettings | undefined): NoiseRecording | undefined {
  const noise = experiment.model.noise;
  if (noise?.type !== 'audio' || !noise.file) return undefined;
  if (!settings) throw new InputError(`model.noise.file "${noise.file}" is mixed into audio spectrograms; it needs data.format "audio"`, { file: experimentFile, field: FIELD });
  const path = resolveDataPath(noise.file, experimentFile);
  if (!existsSync(path)) {
    throw new InputError(`model.noise.file "${noise.file}" does not exist (resolved to ${path}); give a WAV file relative to the experiment file`, { file: experimentFile, field: FIELD });
  }
  let samples: Float32Array;
  try {
    samples = readWavMono(path, settings.sampleRate).samples;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(`model.noise.file "${noise.file}" (${path}): ${error.message}`, { file: experimentFile, field: FIELD });
  }
  const spectrogram = stft(samples, settings);
  // |X| / (frameSize / 4): the amplitude scale of audioNoise (spectrogramPatches' 0 dB reference).
  const reference = settings.frameSize / 4;
  const power = spectrogram.magnitude.map((m) => (m / reference) ** 2);
  if (spectrogram.frames === 0 || !power.some((p) => p > 0)) {
    throw new InputError(`model.noise.file "${noise.file}" (${path}) holds ${spectrogram.frames === 0 ? `fewer samples than one STFT frame (${settings.frameSize})` : 'only silence'}; expected a recording of noise`, { file: experimentFile, field: FIELD });
  }
  return { name: noise.file, samples, frames: spectrogram.frames, bins: spectrogram.bins, power };
}

/** A uniform number in [0, 1) from a seed (one xorshift32 step after mixing), for picking where in the recording to start. */
export function seededUnit(seed: number): number {
  let state = (Math.imul(seed >>> 0, 2654435761) ^ 0x9e3779b9) >>> 0 || 1;
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
}
