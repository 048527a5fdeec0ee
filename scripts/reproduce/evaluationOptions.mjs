// Command-line options of scripts/reproduce-evaluation.mjs: those of scripts/reproduce.mjs (reproduce/options.mjs),
// another report file, one training at a time, and where Fashion-MNIST is.
import { resolve } from 'node:path';
import { parseOptions } from './options.mjs';

export const EVALUATION_USAGE = `usage: npm run reproduce:evaluation -- [--quick] [--idx <images.gz> --labels <labels.gz>] [--fashion <dir>]
       [--epochs <n>] [--limit <n>] [--only <row,row,...>] [--jobs <n>] [--backend node|wasm|cpu] [--out <file.md>] [--keep]

  --quick    a CI-sized check that every row runs (a few minutes); the default takes about half an hour on one core
  --idx      MNIST IDX files for the one-class, denoising and VAE rows instead of builtin:mnist (e.g. the full 60,000)
  --fashion  the folder with Fashion-MNIST's train-*-ubyte.gz files (default: Debian's dataset-fashion-mnist)
  --only     rows by name: one-class (or one-class-0 .. one-class-9), denoising, denoising-keras-io, features, nll
  --jobs     trainings side by side (default 1: the evaluations are CPU-heavy too)`;

export function parseEvaluationOptions(argv) {
  const rest = [];
  let fashion;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '--fashion') rest.push(argv[i]);
    else if (argv[i + 1] === undefined) throw new Error('--fashion needs a value');
    else fashion = resolve(argv[++i]);
  }
  return { ...parseOptions(rest, { out: resolve('docs/reproduction-evaluation.md'), jobs: 1 }), fashion };
}
