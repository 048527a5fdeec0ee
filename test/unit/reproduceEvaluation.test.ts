// The evaluation reproduction's plumbing without training: which runs it plans, how it reads evaluation.json, and the
// Markdown rows it writes from fixture evaluations that pass the evaluation schema.
import { describe, expect, it } from 'vitest';
import { evaluationJsonReplacer, evaluationSchema, type Evaluation, type ReconstructionMetrics } from '../../src/protocol/evaluation';
// @ts-expect-error -- plain .mjs modules of the scripts, without types
import { evaluationJobs, missingData, selectJobs } from '../../scripts/reproduce/evaluationJobs.mjs';
// @ts-expect-error -- see above
import { renderEvaluationReport } from '../../scripts/reproduce/evaluationReport.mjs';
// @ts-expect-error -- see above
import { parseEvaluation } from '../../scripts/reproduce/readRunEvaluation.mjs';
// @ts-expect-error -- see above
import { parseEvaluationOptions } from '../../scripts/reproduce/evaluationOptions.mjs';

interface Job {
  id: string;
  group: string;
  templateId: string;
  digit?: number;
  epochs?: number;
  limit?: number;
  patch: (experiment: Record<string, Record<string, unknown>>) => void;
}

const metrics = (mse: number, psnr: number, ssim: number): ReconstructionMetrics => ({ mse, mae: mse * 2, bce: 0.1, psnr, ssim });
const roc = { fpr: [0, 1], tpr: [0, 1], thresholds: [Infinity, 0] };
const threshold = { threshold: 0.5, precision: 0.5, recall: 0.5, f1: 0.5, flagged: 3 };
const scores = (auroc: number) => ({ auroc, auprc: 0.5, roc, atThreshold: null, bestF1: threshold });

function evaluation(parts: Partial<Evaluation>): Evaluation {
  return evaluationSchema.parse({
    version: 1,
    runId: 'run-1',
    createdAt: '2026-12-01T00:00:00Z',
    set: { kind: 'validation', path: null, samples: 2000, trainSamples: 800 },
    kind: 'custom',
    loss: 'mse',
    latentDim: 32,
    reconstruction: { model: metrics(0.01, 20, 0.9), pca: metrics(0.02, 17, 0.8), noisyInput: null, corruption: null, perClass: null },
    anomaly: null,
    features: null,
    vae: null,
    notes: [],
    seconds: 12,
    ...parts,
  });
}

const anomaly = (model: number, pca: number) => ({ metric: 'mse' as const, normalLabels: ['3'], normalCount: 200, anomalyCount: 1800, model: scores(model), pca: scores(pca) });
const featureScores = (dim: number, knn: number, probe: number) => ({ dim, knnAccuracy: knn, linearProbeAccuracy: probe, kmeansNmi: 0.5, kmeansAri: 0.3 });

function fixtures() {
  const jobs: Job[] = evaluationJobs({ quick: false });
  const job = (id: string) => jobs.find((j) => j.id === id)!;
  return [
    { job: job('one-class-3'), seconds: 40, evaluation: evaluation({ anomaly: anomaly(0.95, 0.9) }) },
    { job: job('one-class-5'), seconds: 41, evaluation: evaluation({ anomaly: anomaly(0.8, 0.85) }) },
    {
      job: job('denoising'),
      seconds: 300,
      evaluation: evaluation({
        kind: 'denoising',
        loss: 'bce',
        reconstruction: { model: metrics(0.01, 19.5, 0.85), pca: metrics(0.03, 16, 0.6), noisyInput: metrics(0.1, 10.25, 0.3), corruption: 'gaussian σ 0.5', perClass: null },
      }),
    },
    {
      job: job('features'),
      seconds: 90,
      evaluation: evaluation({ features: { k: 5, trainSamples: 5000, validationSamples: 5000, classes: 10, codes: featureScores(32, 0.8, 0.78), raw: featureScores(784, 0.83, 0.84) } }),
    },
    {
      job: job('nll'),
      seconds: 200,
      summary: { trainSamples: 9000, epochs: 20, backend: 'wasm (SIMD)' },
      evaluation: evaluation({
        kind: 'vae',
        latentDim: 2,
        vae: {
          nll: { value: 150.5, samples: 1000, likelihood: 'bernoulli' },
          elbo: { reconstruction: 148, kl: 6, negativeElbo: 154 },
          activeUnits: { count: 2, total: 2, threshold: 0.01, variances: [1, 0.9] },
          klPerDimension: [3, 3],
        },
      }),
    },
    { job: job('denoising-keras-io'), seconds: 5, error: 'aelab train exited 1 without a summary' },
  ];
}

const context = { argv: ['--jobs', '1'], quick: false, jobs: 1, minutes: 27.4, machine: '2 × test CPU', date: '2026-12-01', node: 'v20' };
const tableLine = (report: string, start: string) => report.split('\n').find((line) => line.startsWith(`| ${start} |`));

describe('evaluation reproduction report', () => {
  const report: string = renderEvaluationReport(fixtures(), context);

  it('gives each one-class digit its AUROC, the PCA baseline and the Deep SVDD reference with the differences', () => {
    expect(tableLine(report, 'one-class digit 3')).toContain('| 0.950 | PCA 0.900 | Deep SVDD 0.919');
    expect(tableLine(report, 'one-class digit 3')).toContain('| +0.031 vs Deep SVDD; +0.050 vs PCA |');
    expect(tableLine(report, 'one-class digit 5')).toContain('−0.085 vs Deep SVDD; −0.050 vs PCA');
    expect(tableLine(report, 'one-class digit 3')).toContain('200 normal / 1800 anomalies');
  });

  it('adds the mean of the digits that ran, against the mean of the same references', () => {
    const mean = tableLine(report, 'one-class mean (2 digits)');
    expect(mean).toContain('| 0.875 | PCA 0.875 | Deep SVDD 0.902');
    expect(mean).toContain('−0.027 vs Deep SVDD; ±0.000 vs PCA');
  });

  it('reports denoising PSNR and SSIM against the noisy input and PCA, with the gain', () => {
    const [psnr, ssim] = report.split('\n').filter((line) => line.startsWith('| denoising (Keras blog) |'));
    expect(psnr).toContain('| 19.50 dB | noisy input 10.25 dB; PCA 16.00 dB |');
    expect(psnr).toContain('+9.25 dB over the noisy input; +3.50 dB over PCA');
    expect(psnr).toContain('gaussian σ 0.5');
    expect(ssim).toContain('| 0.850 | noisy input 0.300; PCA 0.600 |');
    expect(ssim).toContain('+0.550 over the noisy input');
  });

  it('says when PCA returns its input (a code as large as the image) instead of showing a gain over it', () => {
    const noisy = metrics(0.1, 10.25, 0.3);
    const results = [
      {
        job: evaluationJobs({ quick: false }).find((j: Job) => j.id === 'denoising'),
        evaluation: evaluation({ kind: 'denoising', latentDim: 1568, reconstruction: { model: metrics(0.01, 19.5, 0.85), pca: { ...noisy }, noisyInput: noisy, corruption: 'gaussian σ 0.5', perClass: null } }),
      },
    ];
    const psnr = renderEvaluationReport(results, context).split('\n').find((line: string) => line.startsWith('| denoising (Keras blog) |'));
    expect(psnr).toContain('code size 1568');
    expect(psnr).toContain('| noisy input 10.25 dB; PCA the same (as many components as pixels: it returns its input) |');
    expect(psnr).toContain('| +9.25 dB over the noisy input |');
  });

  it('reports kNN and linear-probe accuracy of codes against raw pixels', () => {
    const [knn, probe] = report.split('\n').filter((line) => line.startsWith('| features (Fashion-MNIST) |'));
    expect(knn).toContain('kNN accuracy (k = 5), deep AE codes (32-d) vs raw pixels (784-d)');
    expect(knn).toContain('| 80.0 % | raw pixels 83.0 % |');
    expect(knn).toContain('−3.0 points vs raw pixels');
    expect(probe).toContain('| 78.0 % | raw pixels 84.0 % |');
  });

  it('reports the VAE NLL with k, the ELBO beside it and the published order of magnitude', () => {
    const nll = tableLine(report, 'VAE NLL (dense 784-512-2)')!;
    expect(nll).toContain('k = 1000, bernoulli likelihood');
    expect(nll).toContain('| 150.50 nats | −ELBO 154.00 nats (recon 148.00 + KL 6.00) |');
    expect(nll).toContain('Burda et al. 2016, Table 1');
    expect(nll).toContain('a 2-d latent and 9000 training digits');
    expect(nll).toContain('3.50 nats below the −ELBO');
  });

  it('shows a failed run as failed, and lists every run with its time', () => {
    expect(tableLine(report, 'denoising-keras-io')).toContain('**failed**: aelab train exited 1 without a summary');
    expect(tableLine(report, 'one-class-3')).toContain('| one-class-conv |');
    expect(report).toContain('`npm run reproduce:evaluation -- --jobs 1`');
    expect(report).toContain('total 27.4 minutes');
    expect(report).toContain('Machine: 2 × test CPU.');
    expect(tableLine(report, 'nll')).toContain('| nll | vae | 20 | 9000 | 2000 |');
  });
});

describe('reading evaluation.json', () => {
  it('accepts a valid evaluation written with Infinity as a string', async () => {
    const exact = evaluation({ reconstruction: { model: metrics(0, Infinity, 1), pca: null, noisyInput: null, corruption: null, perClass: null } });
    const text = JSON.stringify(exact, evaluationJsonReplacer);
    expect(text).toContain('"Infinity"');
    expect(await parseEvaluation(text, 'run/evaluation.json')).toEqual(exact);
  });

  it('names the file and the field of an invalid one', async () => {
    const broken = { ...evaluation({}), anomaly: { ...anomaly(0.9, 0.8), model: { ...scores(0.9), auroc: 1.5 } } };
    await expect(parseEvaluation(JSON.stringify(broken), 'run/evaluation.json')).rejects.toThrow('run/evaluation.json: field "anomaly.model.auroc"');
  });
});

describe('evaluation reproduction plan', () => {
  it('trains one conv autoencoder per digit on that digit only', () => {
    const jobs: Job[] = evaluationJobs({ quick: false });
    const oneClass = jobs.filter((j) => j.group === 'one-class');
    expect(oneClass.map((j) => j.digit)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const experiment = { data: { source: 'builtin:mnist' }, evaluation: {} };
    oneClass[7].patch(experiment);
    expect(experiment.data).toMatchObject({ includeLabels: [7] });
    expect(new Set(jobs.map((j) => j.templateId))).toEqual(new Set(['one-class-conv', 'denoising', 'denoising-keras-io', 'deep', 'vae']));
  });

  it('points the features row at Fashion-MNIST with a limit, and says when it is missing', () => {
    const [features]: Job[] = selectJobs(evaluationJobs({ quick: false, fashion: '/nowhere' }), ['features']);
    const experiment: Record<string, Record<string, unknown>> = { data: { source: 'builtin:mnist' }, evaluation: {} };
    features.patch(experiment);
    expect(experiment.data).toMatchObject({ source: '/nowhere/train-images-idx3-ubyte.gz', format: 'idx', labels: '/nowhere/train-labels-idx1-ubyte.gz', limit: 20000 });
    expect(missingData(features)).toContain('apt-get install dataset-fashion-mnist');
  });

  it('asks for k importance samples, fewer and on subsets in quick mode', () => {
    const nll = (quick: boolean) => {
      const [job]: Job[] = selectJobs(evaluationJobs({ quick }), ['nll']);
      const experiment: Record<string, Record<string, unknown>> = { data: {}, evaluation: {} };
      job.patch(experiment);
      return { job, evaluation: experiment.evaluation };
    };
    expect(nll(false).evaluation).toEqual({ nllSamples: 1000 });
    expect(nll(false).job.epochs).toBeUndefined();
    expect(nll(false).job.limit).toBeUndefined();
    expect(nll(true).evaluation).toMatchObject({ nllSamples: 20 });
    expect(nll(true).job.limit).toBeGreaterThan(0);
  });

  it('selects rows by group or id and refuses unknown names', () => {
    const jobs = evaluationJobs({ quick: true });
    expect(selectJobs(jobs, ['one-class-2', 'nll']).map((j: Job) => j.id)).toEqual(['one-class-2', 'nll']);
    expect(selectJobs(jobs, ['one-class'])).toHaveLength(10);
    expect(() => selectJobs(jobs, ['nope'])).toThrow('no evaluation row named nope');
  });

  it('writes its own report, one training at a time, unless told otherwise', () => {
    expect(parseEvaluationOptions([])).toMatchObject({ jobs: 1, threads: 1, quick: false });
    expect(parseEvaluationOptions(['--threads', '2'])).toMatchObject({ threads: 2 });
    expect(() => parseEvaluationOptions(['--threads', '0'])).toThrow('--threads needs a positive integer');
    expect(parseEvaluationOptions([]).out).toMatch(/docs\/reproduction-evaluation\.md$/);
    expect(parseEvaluationOptions(['--fashion', '/data/fm', '--quick', '--jobs', '2'])).toMatchObject({ fashion: '/data/fm', quick: true, jobs: 2 });
    expect(() => parseEvaluationOptions(['--fashion'])).toThrow('--fashion needs a value');
  });
});
