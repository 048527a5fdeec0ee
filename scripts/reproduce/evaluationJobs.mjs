// The trainings behind the evaluation reproduction (scripts/reproduce-evaluation.mjs): which template, changed how,
// for how long, and which section of evaluation.json its rows read. Quick mode is a CI-sized end-to-end check.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Debian's dataset-fashion-mnist installs the IDX files here. */
export const FASHION_DIR = '/usr/share/datasets/fashion-mnist';
export const fashionFiles = (dir) => ({ images: join(dir, 'train-images-idx3-ubyte.gz'), labels: join(dir, 'train-labels-idx1-ubyte.gz') });

/** Importance samples per input for the VAE's negative log-likelihood (Burda et al. evaluate with 5,000). */
export const NLL_SAMPLES = { full: 1000, quick: 20 };
/** Fashion-MNIST: samples of the 60,000-image training file used (after a seeded shuffle), and the share held out. */
export const FASHION_LIMIT = { full: 20000, quick: 3000 };
const FASHION_VALIDATION = 0.25;

/**
 * Per job and mode: epochs (undefined: the template's), a data limit and the evaluation's sample limit (undefined: the experiment's default).
 * Full mode keeps the whole run near half an hour on one busy core here, so the heavy conv denoisers train for 10 of
 * their 100 epochs on half of builtin:mnist; see docs/reproduction-evaluation.md.
 */
const PLANS = {
  'one-class': { full: {}, quick: { epochs: 2, limit: 3000, evaluationLimit: 600 } },
  denoising: { full: { epochs: 10, limit: 5000 }, quick: { epochs: 1, limit: 1500, evaluationLimit: 150 } },
  'denoising-keras-io': { full: { epochs: 10, limit: 5000 }, quick: { epochs: 1, limit: 1500, evaluationLimit: 150 } },
  features: { full: { epochs: 20 }, quick: { epochs: 2, evaluationLimit: 500 } },
  nll: { full: {}, quick: { epochs: 2, limit: 2000, evaluationLimit: 100 } },
};

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

function withEvaluation(experiment, evaluation) {
  experiment.evaluation = { ...experiment.evaluation, ...evaluation };
}

/** The jobs in run order, each { id, group, templateId, name, epochs?, limit?, patch, digit? }. */
export function evaluationJobs(options) {
  const mode = options.quick ? 'quick' : 'full';
  const plan = (group) => PLANS[group][mode];
  const limits = (group) => (plan(group).evaluationLimit ? { limit: plan(group).evaluationLimit } : {});
  const fashion = fashionFiles(options.fashion ?? FASHION_DIR);
  const jobs = [
    ...DIGITS.map((digit) => ({
      id: `one-class-${digit}`,
      group: 'one-class',
      templateId: 'one-class-conv',
      digit,
      patch: (e) => {
        e.data.includeLabels = [digit];
        withEvaluation(e, limits('one-class'));
      },
    })),
    { id: 'denoising', group: 'denoising', templateId: 'denoising', patch: (e) => withEvaluation(e, limits('denoising')) },
    { id: 'denoising-keras-io', group: 'denoising-keras-io', templateId: 'denoising-keras-io', patch: (e) => withEvaluation(e, limits('denoising-keras-io')) },
    {
      id: 'features',
      group: 'features',
      templateId: 'deep',
      fashion,
      patch: (e) => {
        e.data = { ...e.data, source: fashion.images, format: 'idx', labels: fashion.labels, validationSplit: FASHION_VALIDATION, limit: FASHION_LIMIT[mode] };
        withEvaluation(e, limits('features'));
      },
    },
    { id: 'nll', group: 'nll', templateId: 'vae', patch: (e) => withEvaluation(e, { nllSamples: NLL_SAMPLES[mode], ...limits('nll') }) },
  ];
  return jobs.map((job) => ({ ...job, name: `repro-eval-${job.id}`, epochs: plan(job.group).epochs, limit: plan(job.group).limit }));
}

/** Jobs named by --only (a job id such as one-class-3, or a group such as one-class). */
export function selectJobs(jobs, only) {
  if (!only) return jobs;
  const unknown = only.filter((name) => !jobs.some((job) => job.id === name || job.group === name));
  if (unknown.length) throw new Error(`--only: no evaluation row named ${unknown.join(', ')} (rows: ${[...new Set(jobs.flatMap((j) => [j.group, j.id]))].join(', ')})`);
  return jobs.filter((job) => only.includes(job.id) || only.includes(job.group));
}

/** Why a job cannot run here (a missing data set), or undefined. */
export function missingData(job) {
  if (job.fashion && !existsSync(job.fashion.images)) return `Fashion-MNIST not found at ${job.fashion.images}: apt-get install dataset-fashion-mnist, or pass --fashion <dir>`;
  return undefined;
}
