// When the code is at least as large as a sample (vq-vae's 7×7×16 z_e for 784 pixels) the PCA baseline is the
// identity: the run log line and `aelab eval`'s table name it instead of printing "PCA Infinity" and all-zero scores.
import { describe, expect, it } from 'vitest';
import { evaluationTable } from '../../../src/cli/evaluationTable';
import type { AnomalyScores, Evaluation, ReconstructionMetrics } from '../../../src/protocol/evaluation';
import { summaryLine } from '../../../src/trainer/evaluate/summaryLine';

const model: ReconstructionMetrics = { mse: 0.0123, mae: 0.05, bce: 0.09, psnr: 19.4, ssim: 0.81 };
const exact: ReconstructionMetrics = { mse: 0, mae: 0, bce: 0.07, psnr: Infinity, ssim: 1 };
const fitted: ReconstructionMetrics = { mse: 0.02, mae: 0.07, bce: 0.1, psnr: 17.2, ssim: 0.7 };
const scores = (auroc: number): AnomalyScores => ({ auroc, auprc: 0.5, roc: { fpr: [0, 1], tpr: [0, 1], thresholds: [Infinity, 0] }, atThreshold: null, bestF1: { threshold: 0, precision: 0.5, recall: 1, f1: 0.67, flagged: 10 } });

const evaluationWith = (pca: ReconstructionMetrics): Evaluation => ({
  version: 1,
  runId: 'vq-run',
  createdAt: '2026-12-01T00:00:00.000Z',
  set: { kind: 'validation', path: null, samples: 300, trainSamples: 2700 },
  kind: 'vq-vae',
  loss: 'mse',
  latentDim: 784,
  reconstruction: { model, pca, noisyInput: null, corruption: null, perClass: null },
  anomaly: { normalLabels: ['0'], normalCount: 30, anomalyCount: 270, model: scores(0.91), pca: scores(pca.mse === 0 ? 0.5 : 0.88) } as Evaluation['anomaly'],
  features: null,
  vae: null,
  notes: [],
  seconds: 2,
});

describe('PCA baseline text when PCA is the identity', () => {
  it('the run log line says so instead of "PCA Infinity" and leaves out its anomaly score', () => {
    const line = summaryLine(evaluationWith(exact));
    expect(line).toContain('PSNR 19.4 dB (PCA: identity at this code size)');
    expect(line).toContain('AUROC 0.910 on 300 samples');
    expect(line).not.toMatch(/Infinity|PCA 0\.500/);
  });

  it('the eval table drops the PCA columns and names the identity', () => {
    const text = evaluationTable(evaluationWith(exact));
    expect(text).not.toMatch(/∞|Infinity/);
    expect(text).toContain('PCA: identity at this code size');
    for (const header of ['reconstruction', 'anomaly']) expect(text.split('\n').find((l) => l.startsWith(header))).not.toContain('PCA');
  });

  it('a fitted PCA is still printed beside the model', () => {
    expect(summaryLine(evaluationWith(fitted))).toContain('PSNR 19.4 dB (PCA 17.2), AUROC 0.910 (PCA 0.880)');
    const text = evaluationTable(evaluationWith(fitted));
    expect(text.split('\n').find((l) => l.startsWith('reconstruction'))).toContain('PCA');
    expect(text).not.toContain('identity');
  });
});
