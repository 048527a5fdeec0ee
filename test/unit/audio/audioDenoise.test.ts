// Must show (issue 15): real recordings (espeak-ng speech and the alsa-utils sounds) are learned by the audio-denoiser
// template as it is (a ratio mask trained with white noise at 10 dB), and at the template's own SNR both the run's
// evaluation.json (validation segments) and a held-out recording mixed with our own white noise, cleaned by `aelab
// reconstruct`, come out with a higher SNR and SI-SNR than the noisy input. Generated files stay in a temp dir.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluationJsonReviver, evaluationSchema } from '../../../src/protocol/evaluation';
import type { RunSummary } from '../../../src/protocol/trainerMessages';
import { TEMPLATES } from '../../../src/templates/templates';
import { readWavMono, writeWavMono } from '../../../src/trainer/data/audio/wavFile';
import { siSnrDb, snrDb, whiteNoiseAt } from '../../../src/trainer/evaluate/metrics/snr';
import { CLI_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';

const SENTENCES = [
  'The quick brown fox jumps over the lazy dog',
  'She sells sea shells by the sea shore',
  'A journey of a thousand miles begins with a single step',
  'Peter Piper picked a peck of pickled peppers',
  'How much wood would a woodchuck chuck',
  'Autoencoders learn to compress and rebuild their input',
];
const HELD_OUT = 'Noise reduction makes speech easier to understand';

describe('audio denoiser on real recordings', () => {
  it('cleans held-out speech: the output SNR and SI-SNR beat the noisy input', async () => {
    const workspace = tempWorkspace('aelab-audio-denoise-');
    const recordings = join(workspace, 'recordings');
    mkdirSync(recordings);
    SENTENCES.forEach((text, i) => execFileSync('espeak-ng', ['-w', join(recordings, `speech${i}.wav`), text]));
    for (const name of ['Front_Center.wav', 'Front_Left.wav', 'Front_Right.wav']) copyFileSync(join('/usr/share/sounds/alsa', name), join(recordings, name));
    execFileSync('espeak-ng', ['-w', join(workspace, 'held-out.wav'), HELD_OUT]);

    const template = TEMPLATES.find((t) => t.id === 'audio-denoiser')!;
    const experiment = template.experiment('speech');
    const snr = (experiment.model as { noise: { snr: number } }).noise.snr;
    writeFileSync(join(workspace, 'speech.ae.json'), JSON.stringify(experiment));
    const trained = await runNode([CLI_SCRIPT, 'train', 'speech.ae.json', '--backend', 'wasm', '--json'], { cwd: workspace, timeout: 900_000 });
    expect(trained.status, trained.stderr).toBe(0);
    const summary = JSON.parse(trained.stdout) as RunSummary;
    expect(summary.status).toBe('completed');
    const runDir = join(workspace, '.aelab', 'runs', summary.runId);

    const evaluation = evaluationSchema.parse(JSON.parse(readFileSync(join(runDir, 'evaluation.json'), 'utf8'), evaluationJsonReviver));
    expect(evaluation.audio?.mixSnr).toBe(snr);
    expect(evaluation.audio?.clips).toBeGreaterThan(0);
    expect(evaluation.audio!.snr.noisy).toBeCloseTo(snr, 4); // each segment mixed at exactly the template's SNR
    expect(evaluation.audio!.snr.improvement).toBeGreaterThan(0);
    expect(evaluation.audio!.siSnr.improvement).toBeGreaterThan(0);

    // The held-out sentence, mixed with white noise at the template's SNR by our own generator (not the trainer's noise).
    const clean = readWavMono(join(workspace, 'held-out.wav'), 8000).samples;
    const noise = whiteNoiseAt(clean, snr, 2026);
    const noisy = clean.map((v, i) => v + noise[i]);
    writeWavMono(join(workspace, 'noisy.wav'), noisy, 8000);
    const out = join(workspace, 'cleaned.wav');
    const reconstructed = await runNode([CLI_SCRIPT, 'reconstruct', runDir, 'noisy.wav', '--out', out, '--backend', 'wasm'], { cwd: workspace, timeout: 300_000 });
    expect(reconstructed.status, reconstructed.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const cleaned = readWavMono(out, 8000);
    expect(cleaned.original).toBe('8000 Hz, 16-bit, 1 channel');
    expect(cleaned.samples.length).toBe(clean.length);
    // The noisy input as written (16-bit), so both sides of the comparison went through the same file format.
    const noisyRead = readWavMono(join(workspace, 'noisy.wav'), 8000).samples;
    const measured = {
      noisySnr: snrDb(clean, noisyRead),
      cleanedSnr: snrDb(clean, cleaned.samples),
      noisySiSnr: siSnrDb(clean, noisyRead),
      cleanedSiSnr: siSnrDb(clean, cleaned.samples),
    };
    console.log(`held-out speech at ${snr} dB: ${JSON.stringify(measured)}; evaluation.json audio: ${JSON.stringify(evaluation.audio)}`);
    expect(measured.cleanedSnr - measured.noisySnr).toBeGreaterThan(0);
    expect(measured.cleanedSiSnr - measured.noisySiSnr).toBeGreaterThan(0);
  }, 1_200_000);
});
