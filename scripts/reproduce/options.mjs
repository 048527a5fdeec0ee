// Command-line options of scripts/reproduce.mjs and the epochs/limit each mode uses.
import { resolve } from 'node:path';

export const USAGE = `usage: node scripts/reproduce.mjs [--quick] [--idx <images.gz> --labels <labels.gz>]
       [--epochs <n>] [--limit <n>] [--only <id,id,...>] [--jobs <n>] [--backend node|wasm|cpu] [--out <file.md>] [--keep]

  --quick    few epochs on a subset: all templates in well under 15 minutes on 2 cores
  (default)  each template's own epochs (the published setting's where it states them)
  --jobs     trainings run side by side (default 2: the wasm backend uses one core per trainer)`;

/**
 * Quick mode per template: dense kinds are cheap, so they get all the data; conv kinds with 32+ filters or
 * Conv2DTranspose layers cost far more per batch on wasm, so they get a subset and few epochs. 3-9 min on a 2-core box, depending on what else runs there.
 */
const QUICK = {
  dense: { epochs: 10 },
  conv: { epochs: 5, limit: 4000 },
  heavy: { epochs: 2, limit: 3000 },
  // conv1d and lstm on the Seattle weather series; templateData.mjs sets their stride and window limit.
  series: { epochs: 3 },
};
const HEAVY = new Set(['denoising', 'denoising-keras-io', 'custom', 'conv-vae', 'vq-vae']);

/** `defaults` lets another report (scripts/reproduce-evaluation.mjs) change e.g. the output file and the jobs. */
export function parseOptions(argv, defaults = {}) {
  const options = { quick: false, jobs: 2, out: resolve('docs/reproduction.md'), keep: false, ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const positive = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer`);
      return n;
    };
    if (flag === '--quick') options.quick = true;
    else if (flag === '--idx') options.idx = resolve(value());
    else if (flag === '--labels') options.labels = resolve(value());
    else if (flag === '--epochs') options.epochs = positive();
    else if (flag === '--limit') options.limit = positive();
    else if (flag === '--only') options.only = value().split(',');
    else if (flag === '--jobs') options.jobs = positive();
    else if (flag === '--backend') options.backend = value();
    else if (flag === '--out') options.out = resolve(value());
    else if (flag === '--keep') options.keep = true;
    else if (flag === '--help' || flag === '-h') options.help = true;
    else throw new Error(`unknown option ${flag}`);
  }
  if (options.labels && !options.idx) throw new Error('--labels needs --idx');
  return options;
}

/** Epochs and sample limit for one template under the chosen mode. */
export function planFor(template, options) {
  const templateEpochs = template.experiment('plan').training.epochs;
  const series = template.experiment('plan').data.format === 'timeseries';
  const quick = HEAVY.has(template.id) ? QUICK.heavy : series ? QUICK.series : isConvTemplate(template) ? QUICK.conv : QUICK.dense;
  const epochs = options.epochs ?? (options.quick ? quick.epochs : templateEpochs);
  const limit = options.limit ?? (options.quick ? quick.limit : undefined);
  return { epochs, limit, templateEpochs };
}

/** Conv templates (those that need images, see loadTemplates.mjs) cost far more per epoch; starting them first keeps the parallel jobs evenly loaded. */
export function isConvTemplate(template) {
  return template.needsImages;
}
