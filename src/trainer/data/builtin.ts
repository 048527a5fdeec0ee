// Bundled datasets: `builtin:mnist` is 10,000 MNIST digits shipped as gzipped IDX (see scripts/build-mnist.mjs).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../protocol/errors';
import type { Dataset } from './dataset';
import { loadIdxDataset } from './idxDataset';

export const BUILTIN_PREFIX = 'builtin:';
export const BUILTIN_DATASETS = ['mnist'] as const;

/** dist/data next to the bundle, or the repo's dist/data when running from sources (tests). */
export function builtinDataDir(): string {
  const candidates = [join(__dirname, 'data'), join(__dirname, '..', '..', '..', 'dist', 'data')];
  const found = candidates.find((dir) => existsSync(join(dir, 'mnist-10k-images.idx3-ubyte.gz')));
  if (!found) throw new Error(`bundled MNIST data not found in ${candidates.join(' or ')}; run "npm run build"`);
  return found;
}

export function loadBuiltinDataset(source: string, experimentFile?: string): Dataset {
  const name = source.slice(BUILTIN_PREFIX.length);
  if (name !== 'mnist') {
    throw new InputError(`unknown builtin dataset "${source}"; expected one of ${BUILTIN_DATASETS.map((d) => `"builtin:${d}"`).join(', ')}`, {
      file: experimentFile,
      field: 'data.source',
    });
  }
  const dir = builtinDataDir();
  const dataset = loadIdxDataset(join(dir, 'mnist-10k-images.idx3-ubyte.gz'), join(dir, 'mnist-10k-labels.idx1-ubyte.gz'));
  dataset.sourceNames = Array.from({ length: dataset.count }, (_, i) => `mnist #${i}`);
  return dataset;
}
