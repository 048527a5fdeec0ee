// Where an audio dataset's patches come from: the clips (mono, at the run's rate) and, per patch source name, its
// clip and first frame. Kept by source name because splits and subsamples carry source names along.
import type { AudioSettings } from './audioSettings';
import type { NoiseRecording } from './noiseRecording';

export interface AudioClip {
  /** Relative to the data source, as in sourceNames. */
  name: string;
  samples: Float32Array;
}

export interface AudioLayout {
  settings: AudioSettings;
  clips: AudioClip[];
  /** Source name ("speech.wav @ 0.48 s") -> its clip index and first STFT frame. */
  origins: Map<string, { clip: number; frame: number }>;
  /** model.noise.file, set when the run's data is prepared (run/prepareData.ts). */
  noise?: NoiseRecording;
}

export function patchSourceName(clip: string, frame: number, settings: AudioSettings): string {
  return `${clip} @ ${((frame * settings.hop) / settings.sampleRate).toFixed(3)} s`;
}
