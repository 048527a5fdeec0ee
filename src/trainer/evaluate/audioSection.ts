// Audio denoising runs: how much the model cleans real waveforms. Each evaluated patch's clean clip segment (the
// samples its frames span) is mixed with seeded noise at the run's SNR (white, or model.noise.file's; mixedNoise.ts), cut into patches as `aelab reconstruct`
// does, denoised, rebuilt with the noisy phase, and compared with the clean segment: SNR and SI-SNR of the noisy mix
// and of the output, and the improvement. Segments without signal (digital silence) have no SNR and are skipped.
import type { AudioSection } from '../../protocol/evaluation';
import type { Experiment } from '../../protocol/experiment';
import { runBatch, type RunModels } from '../apply/runModels';
import { samplesSpanned } from '../data/audio/audioSettings';
import { clipPatches } from '../data/audio/clipPatches';
import type { Dataset } from '../data/dataset';
import { siSnrDb, snrDb } from './metrics/snr';
import { noiseAt } from './mixedNoise';

/** Segments evaluated at most: each costs a few forward passes and two STFTs. */
export const AUDIO_EVALUATION_CLIPS = 64;
/** Mean power below this (about -90 dBFS) is silence. */
export const SILENCE_POWER = 1e-9;

export function audioSection(models: RunModels, evaluated: Dataset, experiment: Experiment, notes: string[]): AudioSection | null {
  const noise = experiment.model.noise;
  const layout = evaluated.audio;
  if (!layout || noise?.type !== 'audio') return null;
  const { settings } = layout;
  const length = samplesSpanned(settings.patchFrames, settings);
  const size = evaluated.sampleShape.reduce((a, b) => a * b, 1);
  const sums = { snrNoisy: 0, snrOut: 0, siNoisy: 0, siOut: 0 };
  let clips = 0;
  let silent = 0;
  for (let i = 0; i < evaluated.count && clips < AUDIO_EVALUATION_CLIPS; i++) {
    const origin = layout.origins.get(evaluated.sourceNames?.[i] ?? '');
    if (!origin) continue;
    const start = origin.frame * settings.hop;
    const clean = layout.clips[origin.clip].samples.slice(start, start + length);
    if (clean.reduce((sum, v) => sum + v * v, 0) / clean.length < SILENCE_POWER) {
      silent++;
      continue;
    }
    const added = noiseAt(clean, noise.snr, experiment.training.seed + i, layout.noise);
    const noisy = clean.map((v, j) => v + added[j]);
    const patches = clipPatches(noisy, settings);
    const { reconstructions } = runBatch(models, patches.x, [patches.count, ...evaluated.sampleShape], experiment.training.loss);
    const denoised = patches.rebuild(reconstructions.subarray(0, patches.count * size));
    sums.snrNoisy += snrDb(clean, noisy);
    sums.snrOut += snrDb(clean, denoised);
    sums.siNoisy += siSnrDb(clean, noisy);
    sums.siOut += siSnrDb(clean, denoised);
    clips++;
  }
  if (silent > 0) notes.push(`audio: ${silent} silent segment${silent === 1 ? '' : 's'} skipped (no signal to measure an SNR against)`);
  if (clips === 0) {
    notes.push('audio: no evaluated segment holds signal, so SNR and SI-SNR are not computed');
    return null;
  }
  const mean = (sum: number): number => sum / clips;
  return {
    mixSnr: noise.snr,
    clips,
    clipSeconds: length / settings.sampleRate,
    snr: { noisy: mean(sums.snrNoisy), denoised: mean(sums.snrOut), improvement: mean(sums.snrOut - sums.snrNoisy) },
    siSnr: { noisy: mean(sums.siNoisy), denoised: mean(sums.siOut), improvement: mean(sums.siOut - sums.siNoisy) },
  };
}
