// The audio view's data after each epoch, for runs on audio: a few clips of the preview set, each from a different
// file, as the clean input, the noisy mix (the evaluation's white noise at the run's SNR, seeded per clip so every
// epoch hears the same mix) and the model's output rebuilt with the noisy phase as `aelab reconstruct` does. All
// clips' patches go through the model in one batch inside tf.tidy.
import * as tf from '@tensorflow/tfjs';
import { MAX_AUDIO_CLIPS, MAX_AUDIO_CLIP_SECONDS, type TrainerMessageOf } from '../../protocol/trainerMessages';
import type { Experiment } from '../../protocol/experiment';
import type { AudioLayout } from '../data/audio/audioLayout';
import { clipPatches, type ClipPatches } from '../data/audio/clipPatches';
import { wavBytes } from '../data/audio/wavFile';
import { sampleSize, type Dataset } from '../data/dataset';
import { SILENCE_POWER } from '../evaluate/audioSection';
import { siSnrDb, snrDb } from '../evaluate/metrics/snr';
import { noiseAt } from '../evaluate/mixedNoise';
import type { Autoencoder } from '../models/types';

type AudioClipPayload = TrainerMessageOf<'audioClips'>['clips'][number];

interface Segment {
  name: string;
  start: number;
  clean: Float32Array;
}

/** The first non-silent stretch (at most MAX_AUDIO_CLIP_SECONDS) of each of the first clips the preview set draws from. */
function pickSegments(dataset: Dataset, layout: AudioLayout): Segment[] {
  const { settings } = layout;
  const longest = Math.floor(MAX_AUDIO_CLIP_SECONDS * settings.sampleRate);
  const used = new Set<number>();
  const segments: Segment[] = [];
  for (let i = 0; i < dataset.count && segments.length < MAX_AUDIO_CLIPS; i++) {
    const origin = layout.origins.get(dataset.sourceNames?.[i] ?? '');
    if (!origin || used.has(origin.clip)) continue;
    const clip = layout.clips[origin.clip];
    const start = origin.frame * settings.hop;
    const clean = clip.samples.slice(start, start + longest);
    if (clean.length === 0 || clean.reduce((sum, v) => sum + v * v, 0) / clean.length < SILENCE_POWER) continue;
    used.add(origin.clip);
    segments.push({ name: clip.name, start, clean });
  }
  return segments;
}

/** Patch-major model values (count patches of bins x patchFrames) as one bins x frames image in 0-255. */
function spectrogramImage(values: Float32Array, count: number, bins: number, patchFrames: number): Uint8Array {
  const frames = count * patchFrames;
  const image = new Uint8Array(bins * frames);
  for (let p = 0; p < count; p++) {
    for (let row = 0; row < bins; row++) {
      for (let f = 0; f < patchFrames; f++) {
        const value = values[(p * bins + row) * patchFrames + f];
        image[row * frames + p * patchFrames + f] = Math.round(Math.min(1, Math.max(0, value)) * 255);
      }
    }
  }
  return image;
}

function pcm16(samples: Float32Array): Int16Array {
  return Int16Array.from(samples, (v) => Math.round(Math.max(-1, Math.min(1, v)) * 32767));
}

/** The 'audioClips' message, or undefined when the data is not audio or the kind needs labels (audio has none). */
export function audioClipsMessage(autoencoder: Autoencoder, preview: Dataset, epoch: number, experiment: Experiment): TrainerMessageOf<'audioClips'> | undefined {
  const layout = preview.audio;
  if (!layout || autoencoder.conditional) return undefined;
  const { settings } = layout;
  const noise = experiment.model.noise?.type === 'audio' ? experiment.model.noise : null;
  const segments = pickSegments(preview, layout);
  const mixes = segments.map((segment, i) => {
    const noisy = noise ? noiseAt(segment.clean, noise.snr, experiment.training.seed + i, layout.noise) : null;
    if (noisy) noisy.forEach((v, j) => (noisy[j] = segment.clean[j] + v));
    // The model hears the noisy mix when there is one, as in training.
    const heard = noisy ?? segment.clean;
    return { segment, noisy, patches: clipPatches(heard, settings), cleanPatches: noisy ? clipPatches(segment.clean, settings) : null };
  });
  const size = sampleSize(preview);
  const total = mixes.reduce((n, m) => n + m.patches.count, 0);
  if (total === 0) return undefined;
  const x = new Float32Array(total * size);
  let at = 0;
  for (const { patches } of mixes) {
    x.set(patches.x, at * size);
    at += patches.count;
  }
  const outputs = tf.tidy(() => autoencoder.reconstruct(tf.tensor(x, [total, ...preview.sampleShape])).dataSync() as Float32Array);
  const bins = preview.sampleShape[0];
  const track = (patches: ClipPatches, values: Float32Array, samples: Float32Array) => ({
    wav: wavBytes(pcm16(samples), settings.sampleRate),
    spectrogram: spectrogramImage(values, patches.count, bins, settings.patchFrames),
  });
  at = 0;
  const clips: AudioClipPayload[] = mixes.map(({ segment, noisy, patches, cleanPatches }) => {
    const output = outputs.slice(at * size, (at + patches.count) * size);
    at += patches.count;
    const denoised = patches.rebuild(output);
    const clean = segment.clean;
    return {
      name: segment.name,
      startSeconds: segment.start / settings.sampleRate,
      seconds: clean.length / settings.sampleRate,
      bins,
      frames: patches.count * settings.patchFrames,
      input: track(cleanPatches ?? patches, (cleanPatches ?? patches).x, clean),
      noisy: noisy ? track(patches, patches.x, noisy) : null,
      output: track(patches, output, denoised),
      snr: noisy ? { noisy: snrDb(clean, noisy), output: snrDb(clean, denoised) } : null,
      siSnr: noisy ? { noisy: siSnrDb(clean, noisy), output: siSnrDb(clean, denoised) } : null,
    };
  });
  return { type: 'audioClips', epoch, sampleRate: settings.sampleRate, mixSnr: noise?.snr ?? null, clips };
}
