// One optimizer step on one batch. The loop owns batching, stopping and reporting; a step owns how gradients are
// computed: here on this thread, or split across replica threads (../parallel/dataParallelStep).
import * as tf from '@tensorflow/tfjs';
import type { Autoencoder } from '../models/types';
import { maybeClip } from './clipGradients';
import type { LossAccumulator } from './lossAccumulator';
import type { EpochSettings } from './trainingAids';

export interface StepBatch {
  /** Row-major samples; only the first `rows` rows are used. */
  samples: Float32Array;
  rows: number;
  sampleShape: number[];
  /** Seed for input corruption (denoising kinds), distinct per batch. */
  noiseSeed: number;
  /** Conditional kinds: the class of each row (only the first `rows` are used). */
  labels?: Int32Array;
}

export interface TrainStep {
  /** Threads computing each step's gradients. */
  readonly threads: number;
  /** Runs the step and adds its loss (weighted by rows) to `totals`. */
  run(batch: StepBatch, totals: LossAccumulator): Promise<void> | void;
  /** Called at the start of each epoch, e.g. to bring replicas in line with the main model and its epoch settings. */
  startEpoch?(settings?: EpochSettings): Promise<void> | void;
  dispose(): void;
}

/** The plain single-thread step: gradients of autoencoder.loss, clipped when clipNorm is set, then applied. */
export function localStep(autoencoder: Autoencoder, optimizer: tf.Optimizer, clipNorm?: number): TrainStep {
  return {
    threads: 1,
    run({ samples, rows, sampleShape, noiseSeed, labels }, totals) {
      const size = sampleShape.reduce((a, b) => a * b, 1);
      tf.tidy(() => {
        const clean = tf.tensor(samples.subarray(0, rows * size), [rows, ...sampleShape]);
        const input = autoencoder.corrupt ? autoencoder.corrupt(clean, noiseSeed) : clean;
        const labelTensor = labels ? tf.tensor1d(labels.subarray(0, rows), 'int32') : undefined;
        let components: Record<string, tf.Scalar> = {};
        // What optimizer.minimize does, with room for the clip between computing and applying the gradients.
        const { value: loss, grads } = optimizer.computeGradients(() => {
          const parts = autoencoder.loss(input, clean, true, labelTensor);
          components = parts.components;
          Object.values(components).forEach((c) => tf.keep(c));
          return parts.total;
        }, autoencoder.trainedVariables?.());
        optimizer.applyGradients(maybeClip(grads, clipNorm));
        const extra = autoencoder.afterStep?.(input, clean) ?? {};
        Object.values(extra).forEach((c) => tf.keep(c));
        components = { ...components, ...extra };
        totals.add(loss, components, rows);
        Object.values(components).forEach((c) => c.dispose());
      });
    },
    dispose() {},
  };
}
