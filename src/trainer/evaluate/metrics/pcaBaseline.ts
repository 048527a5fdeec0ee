// The linear baseline: PCA with the autoencoder's code size, fitted on the training set. An exact PCA is too slow to
// run after every training run (measured here at dim 784: ml-pca's eigendecomposition of the 784×784 covariance 4.3 s,
// ml-matrix's mmul for 784×5000×784 10 s), so this is a randomized SVD (Halko, Martinsson & Tropp 2011, algorithms
// 4.4 and 5.1): project the centred data on a few random directions, sharpen with power iterations, orthonormalise,
// and take the SVD of the small projected matrix. The big products run on tfjs (the trainer's engine, whatever its
// backend); the small QR and SVD on ml-matrix.
import * as tf from '@tensorflow/tfjs';
import { Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';
import seedrandom from 'seedrandom';

export interface PcaBaseline {
  components: number;
  reconstruct(x: Float32Array, rows: number): Float32Array;
  dispose(): void;
}

/** Extra random directions beyond the components kept, as scikit-learn's randomized_svd does. */
const OVERSAMPLING = 10;

export function fitPcaBaseline(train: Float32Array, count: number, dim: number, components: number, seed: number): PcaBaseline {
  if (train.length !== count * dim) throw new Error(`PCA baseline: ${train.length} training values is not ${count} samples × ${dim}`);
  if (count < 1 || components < 1) throw new Error(`PCA baseline needs at least one sample and one component (got ${count} samples, ${components} components)`);
  const k = Math.min(components, dim, count);
  const sketch = Math.min(k + OVERSAMPLING, dim, count);
  // scikit-learn's rule for the number of power iterations: more when few components are kept from a large matrix.
  const powerIterations = k < 0.1 * Math.min(count, dim) ? 7 : 4;

  const [mean, basis] = tf.tidy(() => {
    const x = tf.tensor2d(train, [count, dim]);
    const mu = x.mean(0, true);
    const centred = x.sub(mu);
    let q = orthonormalise(tf.matMul(centred, gaussian(dim, sketch, seed)));
    for (let i = 0; i < powerIterations; i++) {
      // Orthonormalising after each product keeps the small singular directions from drowning in round-off.
      const z = orthonormalise(tf.matMul(centred, q, true, false));
      q = orthonormalise(tf.matMul(centred, z));
    }
    // centredᵀ q = (qᵀ centred)ᵀ is dim × sketch; its left singular vectors are the principal directions.
    const small = toMatrix(tf.matMul(centred, q, true, false));
    const svd = new SingularValueDecomposition(small, { computeLeftSingularVectors: true, computeRightSingularVectors: false });
    const directions = svd.leftSingularVectors.subMatrix(0, dim - 1, 0, k - 1);
    return [mu as tf.Tensor2D, tf.tensor2d(Float32Array.from(directions.to1DArray()), [dim, k])];
  });

  return {
    components: k,
    reconstruct(x: Float32Array, rows: number): Float32Array {
      if (x.length !== rows * dim) throw new Error(`PCA baseline: ${x.length} values is not ${rows} samples × ${dim}`);
      const out = tf.tidy(() => {
        const centred = tf.tensor2d(x, [rows, dim]).sub(mean);
        return tf.matMul(tf.matMul(centred, basis), basis, false, true).add(mean);
      });
      const values = out.dataSync() as Float32Array;
      out.dispose();
      return values;
    },
    dispose(): void {
      mean.dispose();
      basis.dispose();
    },
  };
}

function gaussian(rows: number, columns: number, seed: number): tf.Tensor2D {
  const random = seedrandom(`pca-baseline-${seed}`);
  const values = new Float32Array(rows * columns);
  for (let i = 0; i < values.length; i++) {
    // Box–Muller; 1 − u keeps the logarithm finite.
    values[i] = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  }
  return tf.tensor2d(values, [rows, columns]);
}

function toMatrix(t: tf.Tensor2D): Matrix {
  const [rows, columns] = t.shape;
  const values = t.dataSync();
  return new Matrix(Array.from({ length: rows }, (_, r) => Array.from(values.subarray(r * columns, (r + 1) * columns))));
}

/** An orthonormal basis of the columns (thin QR), back as a tensor. */
function orthonormalise(t: tf.Tensor2D): tf.Tensor2D {
  const q = new QrDecomposition(toMatrix(t)).orthogonalMatrix;
  return tf.tensor2d(Float32Array.from(q.to1DArray()), [q.rows, q.columns]);
}
