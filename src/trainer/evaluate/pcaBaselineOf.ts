// The linear baseline: PCA with the run's code size, fitted on the training references, reconstructing and scoring
// samples exactly as the run's models do (same per-sample error, same threshold rule).
import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';
import { runThreshold } from '../apply/runThreshold';
import { sampleSize, type Dataset } from '../data/dataset';
import { perSampleReconstructionError } from '../models/losses';
import { rowsOf } from './evaluationSample';
import { fitPcaBaseline } from './metrics/pcaBaseline';

/** Larger samples make the covariance (values²) too large to fit in the time an evaluation should take. */
export const MAX_PCA_VALUES = 4096;
const BATCH = 256;

export interface PcaBaseline {
  reconstruct(x: Float32Array, rows: number): Float32Array;
  /** Per-sample reconstruction error with the run's loss. */
  errors(target: Float32Array, output: Float32Array, shape: number[], loss: TrainingConfig['loss']): Float32Array;
  /** The run's threshold rule applied to PCA's errors on the training references; null when none is finite. */
  threshold(references: Dataset, loss: TrainingConfig['loss']): number | null;
  dispose(): void;
}

export function pcaBaseline(references: Dataset, latentDim: number, seed: number, notes: string[]): PcaBaseline | null {
  const dim = sampleSize(references);
  if (dim > MAX_PCA_VALUES) {
    notes.push(`pca: skipped, a sample has ${dim} values, more than the ${MAX_PCA_VALUES} the PCA baseline is fitted on`);
    return null;
  }
  const components = Math.min(latentDim, dim, references.count);
  if (components < latentDim) notes.push(`pca: ${components} components instead of the code size ${latentDim} (at most one per value and per training reference)`);
  const fitted = fitPcaBaseline(references.x, references.count, dim, components, seed);
  const errors: PcaBaseline['errors'] = (target, output, shape, loss) =>
    tf.tidy(() => perSampleReconstructionError(loss, tf.tensor(target, shape), tf.tensor(output, shape)).dataSync() as Float32Array);
  return {
    reconstruct: (x, rows) => fitted.reconstruct(x, rows),
    errors,
    threshold: (set, loss) => {
      const all = new Float32Array(set.count);
      for (let start = 0; start < set.count; start += BATCH) {
        const rows = Math.min(BATCH, set.count - start);
        const x = rowsOf(set, start, rows);
        all.set(errors(x, fitted.reconstruct(x, rows), [rows, ...set.sampleShape], loss), start);
      }
      return runThreshold(all)?.value ?? null;
    },
    dispose: () => fitted.dispose(),
  };
}
