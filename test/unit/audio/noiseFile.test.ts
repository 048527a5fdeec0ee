// model.noise.file: a WAV recording of noise (alsa-utils' Noise.wav) mixed into real recordings instead of white
// noise. The schema takes it only with type "audio"; the spectrogram mix reaches the asked SNR on average (measured
// here from the patches, not with the corruption's own arithmetic); the waveform mix of the evaluation is a segment
// of the recording at exactly that SNR; a one-epoch `aelab train` uses it, `aelab resume` finds it again, and a
// missing file is refused with exit 2 naming model.noise.file.
import * as tf from '@tensorflow/tfjs';
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentSchema, type Experiment } from '../../../src/protocol/experiment';
import type { RunSummary } from '../../../src/protocol/trainerMessages';
import { TEMPLATES } from '../../../src/templates/templates';
import { audioSettingsOf } from '../../../src/trainer/data/audio/audioSettings';
import { clipPatches } from '../../../src/trainer/data/audio/clipPatches';
import { loadNoiseRecording } from '../../../src/trainer/data/audio/noiseRecording';
import { readWavMono } from '../../../src/trainer/data/audio/wavFile';
import { snrDb } from '../../../src/trainer/evaluate/metrics/snr';
import { noiseAt } from '../../../src/trainer/evaluate/mixedNoise';
import { audioNoise } from '../../../src/trainer/models/corruption/audioNoise';
import { CLI_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';

const ALSA = '/usr/share/sounds/alsa';
const NOISE = join(ALSA, 'Noise.wav');

function denoiserExperiment(noise: Record<string, unknown>): Record<string, unknown> {
  const experiment = TEMPLATES.find((t) => t.id === 'audio-denoiser')!.experiment('recordings') as Record<string, unknown> & { model: Record<string, unknown> };
  return { ...experiment, model: { ...experiment.model, noise } };
}

describe('model.noise.file', () => {
  it('is accepted with type "audio" only, as a non-empty path', () => {
    const parsed = experimentSchema.parse(denoiserExperiment({ type: 'audio', snr: 5, file: 'noise.wav' }));
    expect(parsed.model.noise).toEqual({ type: 'audio', snr: 5, file: 'noise.wav' });
    for (const [noise, message] of [
      [{ type: 'gaussian', file: 'noise.wav' }, 'only for noise type "audio"'],
      [{ type: 'audio', file: '' }, ''],
    ] as const) {
      const result = experimentSchema.safeParse(denoiserExperiment(noise));
      expect(result.success).toBe(false);
      const issue = result.error!.issues[0];
      expect(issue.path.join('.')).toBe('model.noise.file');
      expect(issue.message).toContain(message);
    }
  });

  it('mixes the recording per bin at the asked SNR on average, and the waveform mix is a segment of it at that SNR, with no tensor leak', () => {
    const workspace = tempWorkspace('aelab-noise-file-');
    const experimentFile = join(workspace, 'x.ae.json');
    copyFileSync(NOISE, join(workspace, 'noise.wav'));
    const experiment = experimentSchema.parse(denoiserExperiment({ type: 'audio', snr: 5, file: 'noise.wav' })) as Experiment;
    const settings = audioSettingsOf(experiment.data);
    const recording = loadNoiseRecording(experiment, experimentFile, settings)!;
    const clean = readWavMono(join(ALSA, 'Front_Center.wav'), settings.sampleRate).samples;
    const patches = clipPatches(clean, settings);
    const shape = [patches.count, settings.frameSize / 2, settings.patchFrames, 1];
    const corrupt = audioNoise(5, recording);
    const before = tf.memory().numTensors;
    const noisy = tf.tidy(() => corrupt(tf.tensor(patches.x, shape), 3).dataSync() as Float32Array);
    expect(tf.memory().numTensors).toBe(before);

    // Independently: [0, 1] -> power; per patch, (clean power) / (noisy - clean power), the noisy power averaged
    // over seeds (the random phase term averages out), then averaged in dB over patches with signal.
    const power = (v: number) => 10 ** ((v * 100 - 100) / 10);
    const size = shape[1] * shape[2];
    const seeds = 16;
    const noisyPower = new Float64Array(patches.count);
    for (let seed = 0; seed < seeds; seed++) {
      const mix = seed === 0 ? noisy : tf.tidy(() => corrupt(tf.tensor(patches.x, shape), 100 + seed).dataSync() as Float32Array);
      for (let i = 0; i < mix.length; i++) noisyPower[Math.floor(i / size)] += power(mix[i]) / seeds;
    }
    const ratios: number[] = [];
    for (let p = 0; p < patches.count; p++) {
      let cleanPower = 0;
      for (let i = p * size; i < (p + 1) * size; i++) cleanPower += power(patches.x[i]);
      if (cleanPower / size > 1e-6) ratios.push(10 * Math.log10(cleanPower / (noisyPower[p] - cleanPower)));
    }
    console.log(`noise file at 5 dB: per-patch SNR mean ${(ratios.reduce((a, b) => a + b, 0) / ratios.length).toFixed(2)} dB over ${ratios.length} patches, range ${Math.min(...ratios).toFixed(2)}..${Math.max(...ratios).toFixed(2)}`);
    expect(ratios.length).toBeGreaterThan(5);
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    expect(Math.abs(mean - 5)).toBeLessThan(0.5);
    // Another seed picks other segments of the recording.
    const other = tf.tidy(() => corrupt(tf.tensor(patches.x, shape), 4).dataSync() as Float32Array);
    expect(other.some((v, i) => v !== noisy[i])).toBe(true);

    const segment = clean.slice(4000, 6000);
    const added = noiseAt(segment, 5, 11, recording);
    expect(snrDb(segment, segment.map((v, i) => v + added[i]))).toBeCloseTo(5, 4);
    // A scaled copy of consecutive samples of the recording (looped): some offset correlates perfectly with it.
    const rec = recording.samples;
    const n = added.length;
    const addedEnergy = added.reduce((sum, v) => sum + v * v, 0);
    let best = 0;
    for (let s = 0; s < rec.length; s++) {
      let dot = 0;
      let energy = 0;
      for (let i = 0; i < n; i++) {
        const r = rec[(s + i) % rec.length];
        dot += r * added[i];
        energy += r * r;
      }
      if (energy > 0) best = Math.max(best, Math.abs(dot) / Math.sqrt(energy * addedEnergy));
    }
    expect(best).toBeGreaterThan(0.9999);
  });

  it('trains one epoch with the recording, resume finds it, and a missing file is refused naming model.noise.file', async () => {
    const workspace = tempWorkspace('aelab-noise-file-cli-');
    mkdirSync(join(workspace, 'recordings'));
    mkdirSync(join(workspace, 'sounds'));
    for (const name of ['Front_Center.wav', 'Front_Left.wav']) copyFileSync(join(ALSA, name), join(workspace, 'recordings', name));
    copyFileSync(NOISE, join(workspace, 'sounds', 'noise.wav'));
    const experiment = denoiserExperiment({ type: 'audio', snr: 10, file: 'sounds/noise.wav' }) as { training: Record<string, unknown> };
    writeFileSync(join(workspace, 'x.ae.json'), JSON.stringify({ ...experiment, training: { ...experiment.training, epochs: 1 } }));
    const trained = await runNode([CLI_SCRIPT, 'train', 'x.ae.json', '--backend', 'cpu', '--json'], { cwd: workspace, timeout: 300_000 });
    expect(trained.status, trained.stderr).toBe(0);
    const summary = JSON.parse(trained.stdout) as RunSummary;
    expect(summary.status).toBe('completed');
    const runDir = join(workspace, '.aelab', 'runs', summary.runId);
    const evaluation = JSON.parse(readFileSync(join(runDir, 'evaluation.json'), 'utf8')) as { reconstruction?: { corruption?: string }; audio?: { snr: { noisy: number } } };
    expect(evaluation.reconstruction?.corruption).toContain('noise file sounds/noise.wav');
    expect(evaluation.audio?.snr.noisy).toBeCloseTo(10, 4);

    const resumed = await runNode([CLI_SCRIPT, 'resume', runDir, '--epochs', '2', '--backend', 'cpu', '--json'], { cwd: workspace, timeout: 300_000 });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect((JSON.parse(resumed.stdout) as RunSummary).status).toBe('completed');

    // The noise file moved away: both a new run and a resume name the field and the resolved path.
    renameSync(join(workspace, 'sounds'), join(workspace, 'moved'));
    for (const args of [['train', 'x.ae.json'], ['resume', runDir, '--epochs', '3']]) {
      const refused = await runNode([CLI_SCRIPT, ...args, '--backend', 'cpu'], { cwd: workspace, timeout: 120_000 });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('model.noise.file');
      expect(refused.stderr).toContain(join(workspace, 'sounds', 'noise.wav'));
    }
  }, 600_000);
});
