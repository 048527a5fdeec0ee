// How a VQ-VAE used its codebook over a training epoch: the perplexity exp(H(p)) of the codes' frequencies p (K when
// every code is used equally, 1 when one code takes every position) and the dead codes, unused in the whole epoch.
// Counts stay on the device during the epoch and are read once at its end.
import * as tf from '@tensorflow/tfjs';

export type CodebookStats = Record<'perplexity' | 'dead_codes', number>;

export class CodebookUsage {
  private counts: tf.Tensor1D | undefined;

  constructor(readonly size: number) {}

  /** Adds a batch's code indices (int32, any shape). */
  count(indices: tf.Tensor): void {
    const next = tf.tidy(() => {
      const batch = tf.oneHot(indices.flatten().toInt(), this.size).sum(0) as tf.Tensor1D;
      return tf.keep<tf.Tensor1D>(this.counts ? this.counts.add(batch) : batch);
    });
    this.counts?.dispose();
    this.counts = next;
  }

  reset(): void {
    this.counts?.dispose();
    this.counts = undefined;
  }

  read(): CodebookStats {
    return codebookStats(this.readCounts());
  }

  /** How many positions picked each code since the last reset; resets. */
  readCounts(): number[] {
    const counts = this.counts ? Array.from(this.counts.dataSync()) : new Array<number>(this.size).fill(0);
    this.reset();
    return counts;
  }
}

export function codebookStats(counts: readonly number[]): CodebookStats {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return { perplexity: 0, dead_codes: counts.length };
  const entropy = counts.reduce((h, c) => (c > 0 ? h - (c / total) * Math.log(c / total) : h), 0);
  return { perplexity: Math.round(Math.exp(entropy) * 1e4) / 1e4, dead_codes: counts.filter((c) => c === 0).length };
}
