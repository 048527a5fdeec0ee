// The audio section in `aelab eval`'s table and the run log's evaluation line.
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../src/protocol/evaluation';
import { evaluationTable } from '../../../src/cli/evaluationTable';
import { summaryLine } from '../../../src/trainer/evaluate/summaryLine';

const metrics = { mse: 0.01, mae: 0.05, bce: null, psnr: null, ssim: null };
const evaluation: Evaluation = {
  version: 1,
  runId: 'r',
  createdAt: '2026-12-01T00:00:00.000Z',
  set: { kind: 'validation', path: null, samples: 15, trainSamples: 130 },
  kind: 'denoising',
  loss: 'mse',
  latentDim: 16,
  reconstruction: { model: metrics, pca: null, noisyInput: metrics, corruption: 'white noise at 10 dB SNR (mixed per STFT bin)', perClass: null },
  anomaly: null,
  features: null,
  vae: null,
  audio: { mixSnr: 10, clips: 12, clipSeconds: 0.144, snr: { noisy: 10, denoised: 12.5, improvement: 2.5 }, siSnr: { noisy: 9.98, denoised: 11.02, improvement: 1.04 } },
  notes: [],
  seconds: 1,
};

describe('audio evaluation text', () => {
  it('shows SNR and SI-SNR of the noisy mix and the output in the table', () => {
    const text = evaluationTable(evaluation);
    expect(text).toContain('audio (12 clips of 0.144 s, white noise at 10 dB)');
    expect(text).toMatch(/SNR\s*│?\s*10\.00\s*│?\s*12\.50\s*│?\s*2\.50/);
    expect(text).toMatch(/SI-SNR\s*│?\s*9\.98\s*│?\s*11\.02\s*│?\s*1\.04/);
  });

  it('puts them in the run log line', () => {
    expect(summaryLine(evaluation)).toContain('SNR 10.0 -> 12.5 dB, SI-SNR 10.0 -> 11.0 dB');
  });
});
