// Turns WAV files into a Dataset of log-magnitude spectrogram patches ([frameSize / 2, patchFrames, 1] images, see
// audio/spectrogramPatches.ts). Patches start every patchFrames / 2 frames, so every frame is seen in two contexts; a
// clip shorter than one patch gives one patch padded with silence.
import { join } from 'node:path';
import type { DataConfig } from '../../protocol/experiment';
import { InputError } from '../../protocol/errors';
import { emptyDropped, type Dataset } from './dataset';
import { patchSourceName, type AudioClip, type AudioLayout } from './audio/audioLayout';
import { audioSettingsOf } from './audio/audioSettings';
import { listWavFiles } from './audio/listWavFiles';
import { audioNormalization, writePatch } from './audio/spectrogramPatches';
import { stft } from './audio/stft';
import { readWavMono } from './audio/wavFile';
import { statSync } from 'node:fs';
import { refuseIfTooLarge } from './memoryBudget';

/** What to change when the WAV files would not fit. */
const AUDIO_HINT = 'use fewer or shorter WAV files, a lower data.sampleRate, or a larger data.stft.hop';

export type AudioConfig = Pick<DataConfig, 'sampleRate' | 'stft' | 'patchFrames' | 'normalization'>;

export function loadAudioDataset(path: string, config: AudioConfig): Dataset {
  const settings = audioSettingsOf(config);
  if (settings.hop > settings.frameSize) throw new InputError(`data.stft.hop ${settings.hop} is larger than data.stft.frameSize ${settings.frameSize}; frames would leave gaps`, { field: 'data.stft.hop' });
  if (config.normalization !== 'auto') throw new InputError(`audio patches are always scaled from [-100, 0] dB to [0, 1]; remove data.normalization "${config.normalization}"`, { field: 'data.normalization' });
  const isFolder = statSync(path).isDirectory();
  const names = listWavFiles(path);
  const bins = settings.frameSize / 2;
  const size = bins * settings.patchFrames;
  const stride = Math.max(1, Math.floor(settings.patchFrames / 2));
  const clips: AudioClip[] = [];
  const origins: AudioLayout['origins'] = new Map();
  const patches: Float32Array[] = [];
  const sourceNames: string[] = [];
  const read: string[] = [];
  let bytes = 0;
  for (const name of names) {
    const file = isFolder ? join(path, name) : path;
    const audio = readWavMono(file, settings.sampleRate);
    read.push(`${name} (${audio.original})`);
    const clip = clips.push({ name, samples: audio.samples }) - 1;
    const spectrogram = stft(audio.samples, settings);
    const last = Math.max(0, spectrogram.frames - settings.patchFrames);
    // The clips stay in memory (for the evaluation and the audio view), and each patch is held twice until x is built.
    bytes += audio.samples.length * 4 + (Math.floor(last / stride) + 1) * size * 4 * 2;
    refuseIfTooLarge({ what: `reading ${read.length} of ${names.length} WAV files as ${patches.length} spectrogram patches and their clips`, bytes, where: { file }, hint: AUDIO_HINT });
    for (let frame = 0; frame <= last; frame += stride) {
      const patch = new Float32Array(size);
      writePatch(spectrogram, frame, settings.patchFrames, settings, patch);
      const source = patchSourceName(name, frame, settings);
      patches.push(patch);
      sourceNames.push(source);
      origins.set(source, { clip, frame });
    }
  }
  const x = new Float32Array(patches.length * size);
  patches.forEach((patch, i) => x.set(patch, i * size));
  const seconds = clips.reduce((sum, clip) => sum + clip.samples.length, 0) / settings.sampleRate;
  return {
    x,
    count: patches.length,
    sampleShape: [bins, settings.patchFrames, 1],
    sourceNames,
    audio: { settings, clips, origins },
    normalization: audioNormalization(bins, settings.patchFrames),
    dropped: emptyDropped(),
    notes: [
      `read ${names.length} WAV file${names.length === 1 ? '' : 's'} (${seconds.toFixed(1)} s at ${settings.sampleRate} Hz): ${read.slice(0, 8).join(', ')}${read.length > 8 ? ', …' : ''}`,
      `${patches.length} spectrogram patches of ${bins} bins x ${settings.patchFrames} frames (frame ${settings.frameSize}, hop ${settings.hop})`,
    ],
  };
}
