// `aelab eval`'s human output: one compact table per section, each metric beside its baselines.
import type { AnomalyScores, Evaluation, FeatureScores, ReconstructionMetrics } from '../protocol/evaluation';
import { isPcaIdentity, PCA_IDENTITY_TEXT } from '../protocol/pcaIdentity';

type Cell = number | null | undefined;

const show = (value: Cell, digits = 4): string => (value === null || value === undefined ? '–' : Number.isFinite(value) ? value.toFixed(digits) : value > 0 ? '∞' : '-∞');

function table(header: string[], rows: string[][]): string {
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function evaluationTable(evaluation: Evaluation): string {
  const { reconstruction: r, anomaly, features, vae } = evaluation;
  const blocks: string[] = [];
  const set = evaluation.set.kind === 'input' ? `input ${evaluation.set.path}` : 'validation set';
  blocks.push(`${evaluation.runId} (${evaluation.kind}, ${evaluation.loss}, code size ${evaluation.latentDim}) on the ${set}: ${evaluation.set.samples} samples, ${evaluation.set.trainSamples} training references${r.corruption ? `; corruption: ${r.corruption}` : ''}`);
  const reconstruction: [string, (m: ReconstructionMetrics) => Cell, number][] = [
    ['MSE', (m) => m.mse, 5],
    ['MAE', (m) => m.mae, 5],
    ['BCE', (m) => m.bce, 5],
    ['PSNR (dB)', (m) => m.psnr, 2],
    ['SSIM', (m) => m.ssim, 4],
  ];
  // The identity PCA (code at least as large as a sample) reconstructs exactly and scores every sample 0: its column
  // would only show ∞ and 0, so it is dropped and named below the table.
  const identity = isPcaIdentity(r.pca);
  const pcaColumn = (cell: string) => (identity ? [] : [cell]);
  blocks.push(
    table(
      ['reconstruction', 'model', ...pcaColumn('PCA'), 'noisy input'],
      reconstruction.filter(([, of]) => of(r.model) !== null).map(([name, of, digits]) => [name, show(of(r.model), digits), ...pcaColumn(show(r.pca && of(r.pca), digits)), show(r.noisyInput && of(r.noisyInput), digits)]),
    ),
  );
  if (identity) blocks.push(`${PCA_IDENTITY_TEXT} (the code has at least as many values as a sample), so it is not compared`);
  if (anomaly) {
    const rows: [string, (s: AnomalyScores) => Cell][] = [
      ['AUROC', (s) => s.auroc],
      ['AUPRC', (s) => s.auprc],
      ['F1 at threshold', (s) => s.atThreshold?.f1],
      ['best F1', (s) => s.bestF1.f1],
    ];
    blocks.push(`anomaly: normal = ${anomaly.normalLabels.join(', ')} (${anomaly.normalCount} normal, ${anomaly.anomalyCount} anomalies)`);
    blocks.push(table(['anomaly', 'model', ...pcaColumn('PCA')], rows.map(([name, of]) => [name, show(of(anomaly.model)), ...pcaColumn(show(anomaly.pca && of(anomaly.pca)))])));
  }
  if (features) {
    const rows: [string, (s: FeatureScores) => Cell][] = [
      [`kNN accuracy (k ${features.k})`, (s) => s.knnAccuracy],
      ['linear probe accuracy', (s) => s.linearProbeAccuracy],
      ['k-means NMI', (s) => s.kmeansNmi],
      ['k-means ARI', (s) => s.kmeansAri],
    ];
    blocks.push(table(['features', `codes (${features.codes.dim})`, `raw (${features.raw.dim})`], rows.map(([name, of]) => [name, show(of(features.codes)), show(of(features.raw))])));
  }
  if (vae) {
    blocks.push(
      table(
        ['VAE', 'value'],
        [
          [`NLL (${vae.nll.samples} samples, ${vae.nll.likelihood}, nats)`, show(vae.nll.value, 2)],
          ['negative ELBO (nats)', show(vae.elbo.negativeElbo, 2)],
          ['  reconstruction', show(vae.elbo.reconstruction, 2)],
          ['  KL', show(vae.elbo.kl, 2)],
          ['active units', `${vae.activeUnits.count} of ${vae.activeUnits.total}`],
        ],
      ),
    );
  }
  if (evaluation.audio) {
    const { audio } = evaluation;
    const row = (name: string, pair: typeof audio.snr) => [name, show(pair.noisy, 2), show(pair.denoised, 2), show(pair.improvement, 2)];
    blocks.push(table([`audio (${audio.clips} clips of ${show(audio.clipSeconds, 3)} s, white noise at ${audio.mixSnr} dB)`, 'noisy (dB)', 'denoised (dB)', 'improvement (dB)'], [row('SNR', audio.snr), row('SI-SNR', audio.siSnr)]));
  }
  blocks.push(...evaluation.notes.map((note) => `note: ${note}`));
  blocks.push(`${evaluation.seconds} s`);
  return `${blocks.join('\n\n')}\n`;
}
