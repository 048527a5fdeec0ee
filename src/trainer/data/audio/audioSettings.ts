// An experiment's audio settings with their defaults filled in: one place says what an unset field means.
import type { DataConfig } from '../../../protocol/experiment';
import type { StftSettings } from './stft';

export interface AudioSettings extends StftSettings {
  sampleRate: number;
  patchFrames: number;
}

export const DEFAULT_SAMPLE_RATE = 16000;
export const DEFAULT_FRAME_SIZE = 256;
export const DEFAULT_PATCH_FRAMES = 16;

export function audioSettingsOf(config: Pick<DataConfig, 'sampleRate' | 'stft' | 'patchFrames'>): AudioSettings {
  const frameSize = config.stft?.frameSize ?? DEFAULT_FRAME_SIZE;
  return {
    sampleRate: config.sampleRate ?? DEFAULT_SAMPLE_RATE,
    frameSize,
    hop: config.stft?.hop ?? frameSize / 2,
    patchFrames: config.patchFrames ?? DEFAULT_PATCH_FRAMES,
  };
}

/** Samples spanned by `frames` frames. */
export function samplesSpanned(frames: number, { frameSize, hop }: StftSettings): number {
  return frames === 0 ? 0 : (frames - 1) * hop + frameSize;
}
