// What every replica does with its gradients: copy them into shared memory, then combine everyone's into the
// batch gradient. Each replica evaluates the same expression on bit-identical inputs in the same order, so all
// replicas get identical gradients and, applying the same optimizer step, stay identical.
import * as tf from '@tensorflow/tfjs';
import { heapOf, weightedSum } from '../wasm';

export interface Layout {
  names: string[];
  shapes: number[][];
  offsets: number[];
}

/** Copies each gradient straight from the wasm heap into `target`. Every variable must have one. */
export function publishGradients(target: Float32Array, grads: tf.NamedTensorMap, layout: Layout): void {
  const heap = heapOf(tf.backend());
  layout.names.forEach((name, i) => target.set(heap.typedArrayFromHeap(grads[name]), layout.offsets[i]));
}

/**
 * Sum over replicas of gradient * (rows / total rows): the gradient of the whole batch's mean loss, given each
 * replica's gradient of its own rows' mean loss (loss functions must be means over the batch). `local` is this
 * replica's own; the others are read from `shared`. Replicas with no rows this step are left out.
 */
export function combineGradients(self: number, local: tf.NamedTensorMap, shared: (replica: number) => Float32Array, rows: number[], layout: Layout): tf.NamedTensorMap {
  const total = rows.reduce((a, b) => a + b, 0);
  return tf.tidy(() => {
    const combined: tf.NamedTensorMap = {};
    layout.names.forEach((name, i) => {
      const size = layout.shapes[i].reduce((a, b) => a * b, 1);
      const grad = (replica: number) => (replica === self ? local[name] : tf.tensor(shared(replica).subarray(layout.offsets[i], layout.offsets[i] + size), layout.shapes[i]));
      const terms = rows.flatMap((count, replica) => (count > 0 ? [{ replica, weight: count / total }] : []));
      if (terms.length === 0) return;
      const [first, second, ...rest] = terms;
      // sum * 1 is exact, so each later term is added to the same float32 sum, in the same order, as by mul and add.
      let sum = second ? weightedSum(grad(first.replica), first.weight, grad(second.replica), second.weight) : tf.mul(grad(first.replica), first.weight);
      for (const term of rest) sum = weightedSum(sum, 1, grad(term.replica), term.weight);
      combined[name] = sum;
    });
    return combined;
  });
}

/** Rows per replica for a batch: as even as possible, earlier replicas take the remainder. */
export function splitRows(rows: number, replicas: number): number[] {
  const base = Math.floor(rows / replicas);
  return Array.from({ length: replicas }, (_, r) => base + (r < rows % replicas ? 1 : 0));
}
