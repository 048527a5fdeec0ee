// Keeps a VQ-VAE's codebook in use, the two standard remedies for codebook collapse:
// - data-dependent initialisation: on the run's first training batch the code vectors become randomly chosen encoder
//   outputs z_e, so every code starts where some encoder output is (the layer's uniform [-0.05, 0.05] init has about
//   z_e's scale at the start, mean norm 0.11 against 0.13 for the template, but not its directions: few codes were
//   nearest to any z_e and the rest were never picked);
// - dead-code restarts: at the end of each epoch, codes no position picked during it are replaced by randomly chosen
//   z_e of the epoch's last batch, so they are near data again and can be picked.
// Both are seeded (training.seed and the epoch) and change only the codebook weight, which checkpoints keep: a resumed
// run restarts exactly as an uninterrupted one. Only epoch 1 initialises, so a resume never re-initialises.
import * as tf from '@tensorflow/tfjs';
import { seededPermutation } from '../data/split';
import { codebookStats, CodebookUsage } from './codebookUsage';
import type { VectorQuantizer } from './vectorQuantizer';

export class CodebookUpkeep {
  private epoch = 0;
  private initialised = false;
  /** [positions, D]: z_e of the epoch's latest batch with at least one position per code, the pool dead codes restart from. */
  private recent: tf.Tensor2D | undefined;
  private readonly usage: CodebookUsage;

  constructor(
    private readonly quantizer: VectorQuantizer,
    private readonly seed: number,
  ) {
    this.usage = new CodebookUsage(quantizer.codebookSize);
  }

  reset(epoch: number): void {
    this.epoch = epoch;
    this.usage.reset();
  }

  /** A training batch's z_e, before it is quantized: initialises the codebook on the run's first batch and keeps z_e. */
  beforeQuantize(ze: tf.Tensor): void {
    const dim = ze.shape[ze.shape.length - 1];
    const flat = ze.reshape([-1, dim]) as tf.Tensor2D;
    // An epoch's short last batch would restart many codes on the same few vectors: the previous full one is kept.
    if (!this.recent || flat.shape[0] >= this.quantizer.codebookSize) {
      this.recent?.dispose();
      this.recent = tf.keep(flat);
    } else {
      flat.dispose();
    }
    if (this.epoch === 1 && !this.initialised) {
      const all = Array.from({ length: this.quantizer.codebookSize }, (_, i) => i);
      this.replace(all, this.seed * 7919 + 1);
    }
    this.initialised = true;
  }

  /** Counts a training batch's codes (after any initialisation). */
  count(indices: tf.Tensor): void {
    this.usage.count(indices);
  }

  /** The epoch's perplexity and dead codes, then restarts the dead codes (`restarted_codes`: how many). */
  read(): Record<string, number> {
    const counts = this.usage.readCounts();
    const dead = counts.flatMap((c, code) => (c === 0 ? [code] : []));
    const restarted = this.recent ? this.replace(dead, this.seed * 7919 + 1 + this.epoch) : 0;
    this.recent?.dispose();
    this.recent = undefined;
    return { ...codebookStats(counts), restarted_codes: restarted };
  }

  /** Sets the given codes to distinct randomly chosen rows of `recent` (repeating rows only when there are fewer). */
  private replace(codes: number[], seed: number): number {
    if (!this.recent || codes.length === 0) return 0;
    const positions = this.recent.shape[0];
    const order = seededPermutation(positions, seed);
    const rows = codes.map((_, i) => order[i % positions]);
    tf.tidy(() => {
      const picked = tf.gather(this.recent!, rows);
      const mask = tf.oneHot(codes, this.quantizer.codebookSize).sum(0).expandDims(1);
      const placed = tf.matMul(tf.oneHot(codes, this.quantizer.codebookSize), picked, true);
      const codebook = this.quantizer.codebook as tf.Variable;
      codebook.assign(codebook.mul(tf.scalar(1).sub(mask)).add(placed));
    });
    return codes.length;
  }
}
