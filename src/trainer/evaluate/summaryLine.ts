// The run log's one line about an evaluation, e.g. "evaluation: PSNR 15.5 dB (PCA 13.1), AUROC 0.99 (PCA 0.95) in 2.1 s".
import type { Evaluation, ReconstructionMetrics } from '../../protocol/evaluation';
import { isPcaIdentity, PCA_IDENTITY_TEXT } from '../../protocol/pcaIdentity';

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : String(value));

export function summaryLine(evaluation: Evaluation): string {
  const { reconstruction, anomaly, features, vae } = evaluation;
  // The identity PCA's exact reconstruction (PSNR Infinity) and all-zero scores are named, not printed.
  const identity = isPcaIdentity(reconstruction.pca);
  const parts = [reconstructionPart(reconstruction.model, identity ? null : reconstruction.pca, reconstruction.noisyInput)];
  if (identity) parts[0] += ` (${PCA_IDENTITY_TEXT})`;
  if (anomaly) parts.push(`AUROC ${fixed(anomaly.model.auroc, 3)}${anomaly.pca && !identity ? ` (PCA ${fixed(anomaly.pca.auroc, 3)})` : ''}`);
  if (features) parts.push(`kNN accuracy ${fixed(features.codes.knnAccuracy, 3)} (raw ${fixed(features.raw.knnAccuracy, 3)})`);
  if (evaluation.audio) parts.push(`SNR ${fixed(evaluation.audio.snr.noisy, 1)} -> ${fixed(evaluation.audio.snr.denoised, 1)} dB, SI-SNR ${fixed(evaluation.audio.siSnr.noisy, 1)} -> ${fixed(evaluation.audio.siSnr.denoised, 1)} dB`);
  if (vae) parts.push(`NLL ${fixed(vae.nll.value, 2)} nats (${vae.nll.samples} samples), ${vae.activeUnits.count} of ${vae.activeUnits.total} units active`);
  return `evaluation: ${parts.join(', ')} on ${evaluation.set.samples} samples in ${evaluation.seconds} s`;
}

function reconstructionPart(model: ReconstructionMetrics, pca: ReconstructionMetrics | null, noisy: ReconstructionMetrics | null): string {
  const baselines = (of: (m: ReconstructionMetrics) => number | null, digits: number) =>
    [pca && of(pca) !== null ? `PCA ${fixed(of(pca)!, digits)}` : null, noisy && of(noisy) !== null ? `noisy input ${fixed(of(noisy)!, digits)}` : null].filter(Boolean).join(', ');
  const [name, of, digits, unit] = model.psnr !== null ? (['PSNR', (m: ReconstructionMetrics) => m.psnr, 1, ' dB'] as const) : (['MSE', (m: ReconstructionMetrics) => m.mse, 5, ''] as const);
  const others = baselines(of, digits);
  return `${name} ${fixed(of(model)!, digits)}${unit}${others ? ` (${others})` : ''}`;
}
