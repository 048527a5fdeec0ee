// WAV files (one, or a folder of them) as apply input for an audio run: each clip is cut into the run's spectrogram
// patches (data/audio/clipPatches.ts); a patch's source is "<file> @ <seconds> s". Reconstruct rebuilds whole clips
// instead (audioReconstruct.ts), from the same files.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../protocol/errors';
import type { AudioSettings } from '../data/audio/audioSettings';
import { patchSourceName } from '../data/audio/audioLayout';
import { clipPatches } from '../data/audio/clipPatches';
import { listWavFiles } from '../data/audio/listWavFiles';
import { readWavMono } from '../data/audio/wavFile';
import type { ApplyInput, InputBatch, RunInput } from './inputTypes';

export interface AudioFiles {
  settings: AudioSettings;
  isFolder: boolean;
  /** Relative to the input folder, or the file's base name. */
  files: string[];
  pathOf(rel: string): string;
}

/** The run's audio settings and the input's WAV files; an image or table run is refused naming what it expects. */
export function audioFilesOf(path: string, run: RunInput): AudioFiles {
  if (!run.audio) throw new InputError(`is audio, but the run was not trained on audio (its data.json has no "audio" settings); give the kind of data it was trained on`, { file: path });
  const isFolder = statSync(path).isDirectory();
  return { settings: run.audio, isFolder, files: listWavFiles(path), pathOf: (rel) => (isFolder ? join(path, rel) : path) };
}

export function openAudioInput(path: string, run: RunInput): ApplyInput {
  const audio = audioFilesOf(path, run);
  const { settings } = audio;
  const size = run.sampleShape.reduce((a, b) => a * b, 1);
  // Clips are decoded once to count patches (the total) and again when read, so only one clip is held at a time.
  const counts = audio.files.map((rel) => clipPatches(readWavMono(audio.pathOf(rel), settings.sampleRate).samples, settings).count);
  const total = counts.reduce((a, b) => a + b, 0);

  function* batches(batchSize: number): Generator<InputBatch> {
    let pending: { x: Float32Array; source: string }[] = [];
    const flush = (): InputBatch => {
      const x = new Float32Array(pending.length * size);
      pending.forEach((patch, i) => x.set(patch.x, i * size));
      const batch = { x, count: pending.length, sources: pending.map((p) => p.source), labels: new Array<null>(pending.length).fill(null) };
      pending = [];
      return batch;
    };
    for (const rel of audio.files) {
      const patches = clipPatches(readWavMono(audio.pathOf(rel), settings.sampleRate).samples, settings);
      for (let p = 0; p < patches.count; p++) {
        pending.push({ x: patches.x.subarray(p * size, (p + 1) * size), source: patchSourceName(rel, p * settings.patchFrames, settings) });
        if (pending.length === batchSize) yield flush();
      }
    }
    if (pending.length > 0) yield flush();
  }
  return { format: 'audio', path, total, isFolder: audio.isFolder, batches };
}
