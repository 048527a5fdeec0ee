// The rows of the evaluation reproduction table, from each job's evaluation.json: what was measured, our number, the
// baseline beside it (PCA, raw pixels, the noisy input or the ELBO), the published reference, and how close we are.
import { BURDA_2016_SHORT, DEEP_SVDD_ONE_CLASS_AUROC, DENOISING_REFERENCES, FASHION_REFERENCE_SHORT, RUFF_2018_SHORT } from './evaluationReferences.mjs';

const fixed = (value, digits) => (value === null || value === undefined ? '—' : value === Infinity ? '∞' : value.toFixed(digits));
/** A difference with its sign; one that rounds to zero is ±0. */
function signed(value, digits) {
  if (value === Infinity || value === -Infinity) return value > 0 ? '+∞' : '−∞';
  const magnitude = Math.abs(value).toFixed(digits);
  if (Number(magnitude) === 0) return `±${magnitude}`;
  return `${value > 0 ? '+' : '−'}${magnitude}`;
}
const percent = (fraction) => `${(fraction * 100).toFixed(1)} %`;
const points = (difference) => `${signed(difference * 100, 1)} points`;

function oneClassRow(job, evaluation) {
  const anomaly = evaluation.anomaly;
  if (!anomaly) return failedRow(job, 'evaluation.json has no anomaly section (are data.includeLabels / evaluation.normalLabels applied?)');
  const reference = DEEP_SVDD_ONE_CLASS_AUROC[job.digit] / 100;
  const pca = anomaly.pca?.auroc;
  return {
    row: `one-class digit ${job.digit}`,
    what: `AUROC, digit ${job.digit} normal vs the other digits (${anomaly.normalCount} normal / ${anomaly.anomalyCount} anomalies held out), score = reconstruction ${anomaly.metric.toUpperCase()}`,
    ours: fixed(anomaly.model.auroc, 3),
    baseline: pca === undefined ? 'PCA: none' : `PCA ${fixed(pca, 3)}`,
    reference: `Deep SVDD ${reference.toFixed(3)} (${RUFF_2018_SHORT})`,
    close: `${signed(anomaly.model.auroc - reference, 3)} vs Deep SVDD${pca === undefined ? '' : `; ${signed(anomaly.model.auroc - pca, 3)} vs PCA`}`,
    auroc: { model: anomaly.model.auroc, pca, reference },
  };
}

/** The mean over the digits that ran, next to the mean of the same digits' references. */
function oneClassMean(rows) {
  const scored = rows.filter((r) => r.auroc);
  if (scored.length < 2) return [];
  const mean = (pick) => scored.reduce((sum, r) => sum + pick(r), 0) / scored.length;
  const model = mean((r) => r.auroc.model);
  const reference = mean((r) => r.auroc.reference);
  const withPca = scored.every((r) => r.auroc.pca !== undefined);
  const pca = withPca ? mean((r) => r.auroc.pca) : undefined;
  return [{
    row: `one-class mean (${scored.length} digits)`,
    what: 'Mean AUROC over the digits above',
    ours: model.toFixed(3),
    baseline: pca === undefined ? '—' : `PCA ${pca.toFixed(3)}`,
    reference: `Deep SVDD ${reference.toFixed(3)} (mean of the same digits, ${RUFF_2018_SHORT})`,
    close: `${signed(model - reference, 3)} vs Deep SVDD${pca === undefined ? '' : `; ${signed(model - pca, 3)} vs PCA`}`,
  }];
}

/** PCA with at least as many components as the image has values returns its input: its row is the noisy input's. */
const pcaIsIdentity = (pca, noisyInput) => pca !== null && Math.abs(pca.mse - noisyInput.mse) <= 1e-6 * noisyInput.mse;

function denoisingRows(job, evaluation) {
  const { model, pca, noisyInput, corruption } = evaluation.reconstruction;
  if (!noisyInput) return [failedRow(job, 'evaluation.json has no noisyInput baseline (is this a denoising run?)')];
  const name = job.id === 'denoising' ? 'denoising (Keras blog)' : 'denoising (keras.io)';
  const identity = pcaIsIdentity(pca, noisyInput);
  const metric = (key, label, digits, unit) => ({
    row: name,
    what: `${label} of denoised vs clean digits (${corruption ?? 'corrupted'} input), ${evaluation.set.samples} held-out digits, code size ${evaluation.latentDim}`,
    ours: `${fixed(model[key], digits)}${unit}`,
    baseline: `noisy input ${fixed(noisyInput[key], digits)}${unit}${!pca ? '' : identity ? '; PCA the same (as many components as pixels: it returns its input)' : `; PCA ${fixed(pca[key], digits)}${unit}`}`,
    reference: DENOISING_REFERENCES[job.id],
    close: `${signed(model[key] - noisyInput[key], digits)}${unit} over the noisy input${pca && !identity ? `; ${signed(model[key] - pca[key], digits)}${unit} over PCA` : ''}`,
  });
  return [metric('psnr', 'PSNR', 2, ' dB'), metric('ssim', 'SSIM', 3, '')];
}

function featureRows(job, evaluation) {
  const features = evaluation.features;
  if (!features) return [failedRow(job, 'evaluation.json has no features section (labels missing?)')];
  const { codes, raw } = features;
  const setting = `Fashion-MNIST, ${features.trainSamples} training codes -> ${features.validationSamples} held-out`;
  const metric = (key, label) => ({
    row: 'features (Fashion-MNIST)',
    what: `${label}, deep AE codes (${codes.dim}-d) vs raw pixels (${raw.dim}-d); ${setting}`,
    ours: percent(codes[key]),
    baseline: `raw pixels ${percent(raw[key])}`,
    reference: FASHION_REFERENCE_SHORT,
    close: `${points(codes[key] - raw[key])} vs raw pixels`,
  });
  return [metric('knnAccuracy', `kNN accuracy (k = ${features.k})`), metric('linearProbeAccuracy', 'Linear probe (logistic regression) accuracy')];
}

function nllRow(job, evaluation, summary) {
  const vae = evaluation.vae;
  if (!vae) return failedRow(job, 'evaluation.json has no vae section');
  return {
    row: 'VAE NLL (dense 784-512-2)',
    what: `Importance-sampled NLL, k = ${vae.nll.samples}, ${vae.nll.likelihood} likelihood on grey-level MNIST (not binarised), ${evaluation.set.samples} held-out digits; ${vae.activeUnits.count}/${vae.activeUnits.total} active units`,
    ours: `${fixed(vae.nll.value, 2)} nats`,
    baseline: `−ELBO ${fixed(vae.elbo.negativeElbo, 2)} nats (recon ${fixed(vae.elbo.reconstruction, 2)} + KL ${fixed(vae.elbo.kl, 2)})`,
    reference: BURDA_2016_SHORT,
    close: `Not comparable one to one: Bernoulli on grey levels, a 2-d latent and ${summary?.trainSamples ?? '?'} training digits; ours is ${fixed(vae.nll.value - 87, 1)} nats above 87 nats. The estimate is ${fixed(vae.elbo.negativeElbo - vae.nll.value, 2)} nats below the −ELBO, as a tighter bound should be.`,
  };
}

function failedRow(job, reason) {
  return { row: job.id, what: '—', ours: `**failed**: ${reason}`, baseline: '—', reference: '—', close: '—' };
}

/** Every row of the table, in job order, with the one-class mean after the digits. */
export function evaluationRows(results) {
  const rows = [];
  const oneClass = [];
  for (const { job, evaluation, error, summary } of results) {
    if (error || !evaluation) {
      rows.push(failedRow(job, error ?? 'no evaluation'));
      continue;
    }
    if (job.group === 'one-class') {
      const row = oneClassRow(job, evaluation);
      oneClass.push(row);
      rows.push(row);
    } else if (job.group === 'features') rows.push(...featureRows(job, evaluation));
    else if (job.group === 'nll') rows.push(nllRow(job, evaluation, summary));
    else rows.push(...denoisingRows(job, evaluation));
  }
  const lastDigit = rows.findLastIndex((r) => oneClass.includes(r));
  rows.splice(lastDigit + 1, 0, ...oneClassMean(oneClass));
  return rows;
}
