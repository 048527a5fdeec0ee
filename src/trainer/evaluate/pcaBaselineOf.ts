// The linear baseline: PCA with the run's code size, fitted on the training references, reconstructing and scoring
// samples exactly as the run's models do (same per-sample error, same threshold rule).
import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';
import { runThreshold } from '../apply/runThreshold';
import { sampleSize, type Dataset } from '../data/dataset';
import { perSampleReconstructionError } from '../models/losses';
import { EVALUATION_BATCH, rowsOf } from './evaluationSample';
import { fitPcaBaseline } from './metrics/pcaBaseline';

/** Larger samples make the covariance (values²) too large to fit in the time an evaluation should take. */
const MAX_PCA_VALUES = 4096;
/** More components than this take tens of seconds to fit (measured: 691 components of 784 values, 30 s on wasm). */
const MAX_PCA_COMPONENTS = 256;

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
  if (latentDim >= dim) {
    notes.push(`pca: the code has ${latentDim} values, at least the ${dim} of a sample, so PCA with that many components is the identity (exact); the autoencoder's code is overcomplete`);
    return withFit(identity);
  }
  if (latentDim > MAX_PCA_COMPONENTS) {
    notes.push(`pca: skipped, the code has ${latentDim} values, more than the ${MAX_PCA_COMPONENTS} components the PCA baseline fits in the time an evaluation should take`);
    return null;
  }
  const components = Math.min(latentDim, references.count);
  if (components < latentDim) notes.push(`pca: ${components} components instead of the code size ${latentDim} (at most one per training reference)`);
  return withFit(fitPcaBaseline(references.x, references.count, dim, components, seed));
}

/** Full-rank PCA reconstructs every sample exactly. */
const identity: Fitted = { reconstruct: (x) => x.slice(), dispose: () => {} };

type Fitted = Pick<ReturnType<typeof fitPcaBaseline>, 'reconstruct' | 'dispose'>;

function withFit(fitted: Fitted): PcaBaseline {
  const errors: PcaBaseline['errors'] = (target, output, shape, loss) =>
    tf.tidy(() => perSampleReconstructionError(loss, tf.tensor(target, shape), tf.tensor(output, shape)).dataSync() as Float32Array);
  return {
    reconstruct: (x, rows) => fitted.reconstruct(x, rows),
    errors,
    threshold: (set, loss) => {
      const all = new Float32Array(set.count);
      for (let start = 0; start < set.count; start += EVALUATION_BATCH) {
        const rows = Math.min(EVALUATION_BATCH, set.count - start);
        const x = rowsOf(set, start, rows);
        all.set(errors(x, fitted.reconstruct(x, rows), [rows, ...set.sampleShape], loss), start);
      }
      return runThreshold(all)?.value ?? null;
    },
    dispose: () => fitted.dispose(),
  };
}
