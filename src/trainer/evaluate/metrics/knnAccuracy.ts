// kNN classification accuracy (training vectors -> validation vectors, Euclidean, majority vote) by an exact
// brute-force distance pass on tfjs. Not ml-knn: its KD-tree degenerates in high dimensions; measured here on MNIST
// (dim 784, 5,000 references) it took 15.7 s for 200 queries (about 160 s for 2,000), where one batched distance
// matrix on tfjs takes about a second on wasm. Same answers: both are exact searches.
import * as tf from '@tensorflow/tfjs';
import type { LabelledVectors } from './featureScores';

/** Queries per distance matrix: 500 × 5,000 floats = 10 MB at a time. */
const QUERY_CHUNK = 500;

export async function knnAccuracy(train: LabelledVectors, validation: LabelledVectors, k: number, classes: number): Promise<number> {
  const neighbours = Math.min(k, train.count);
  const references = tf.tensor2d(train.x, [train.count, train.dim]);
  const referenceNorms = tf.tidy(() => references.square().sum(1));
  let correct = 0;
  try {
    for (let start = 0; start < validation.count; start += QUERY_CHUNK) {
      const rows = Math.min(QUERY_CHUNK, validation.count - start);
      const { indices, values } = tf.tidy(() => {
        const queries = tf.tensor2d(validation.x.subarray(start * train.dim, (start + rows) * train.dim), [rows, train.dim]);
        // ‖r‖² − 2 q·r ranks references as ‖q − r‖² does (‖q‖² is the same for every reference of a query).
        const distances = referenceNorms.expandDims(0).sub(tf.matMul(queries, references, false, true).mul(2));
        return tf.topk(distances.neg(), neighbours);
      });
      const nearest = await indices.data();
      tf.dispose([indices, values]);
      for (let r = 0; r < rows; r++) {
        const predicted = vote(nearest.subarray(r * neighbours, (r + 1) * neighbours), train.labels, classes);
        if (predicted === validation.labels[start + r]) correct++;
      }
    }
  } finally {
    tf.dispose([references, referenceNorms]);
  }
  return correct / validation.count;
}

/** Most votes among the neighbours, nearest first; a tie goes to the class whose first vote is nearest. */
function vote(nearest: ArrayLike<number>, labels: Int32Array, classes: number): number {
  const votes = new Array<number>(classes).fill(0);
  let best = labels[nearest[0]];
  for (let i = 0; i < nearest.length; i++) {
    const label = labels[nearest[i]];
    votes[label]++;
    if (votes[label] > votes[best]) best = label;
  }
  return best;
}
