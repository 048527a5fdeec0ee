// Command-line options of scripts/reproduce-evaluation.mjs: those of scripts/reproduce.mjs (reproduce/options.mjs),
// another report file, one training on one thread at a time, and where Fashion-MNIST is.
import { resolve } from 'node:path';
import { parseOptions } from './options.mjs';

export const EVALUATION_USAGE = `usage: npm run reproduce:evaluation -- [--quick] [--idx <images.gz> --labels <labels.gz>] [--fashion <dir>]
       [--epochs <n>] [--limit <n>] [--only <row,row,...>] [--jobs <n>] [--threads <n>] [--backend node|wasm|cpu]
       [--out <file.md>] [--keep]

  --quick    a CI-sized check that every row runs (2-3 minutes); the default takes about half an hour on one core
  --idx      MNIST IDX files for the one-class, denoising and VAE rows instead of builtin:mnist (e.g. the full 60,000)
  --fashion  the folder with Fashion-MNIST's train-*-ubyte.gz files (default: Debian's dataset-fashion-mnist)
  --only     rows by name: one-class (or one-class-0 .. one-class-9), denoising, denoising-keras-io, features, nll
  --jobs     trainings side by side (default 1: the evaluations are CPU-heavy too)
  --threads  training threads of each wasm run (default 1, so that one job takes one core)`;

export function parseEvaluationOptions(argv) {
  const rest = [];
  let fashion;
  let threads = 1;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag !== '--fashion' && flag !== '--threads') {
      rest.push(flag);
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--fashion') fashion = resolve(value);
    else if (!Number.isInteger((threads = Number(value))) || threads <= 0) throw new Error('--threads needs a positive integer');
  }
  return { ...parseOptions(rest, { out: resolve('docs/reproduction-evaluation.md'), jobs: 1 }), fashion, threads };
}
