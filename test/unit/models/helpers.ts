// Shared setup for the model tests: backends, MNIST batches, templates.
import * as tf from '@tensorflow/tfjs';
import { experimentSchema, type Experiment } from '../../../src/protocol/experiment';
import { findTemplate } from '../../../src/templates/templates';
import { loadBuiltinDataset } from '../../../src/trainer/data/builtin';
import { selectBackend } from '../../../src/trainer/backends/selectBackend';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import type { Autoencoder } from '../../../src/trainer/models/types';

export const MNIST_SHAPE = [28, 28, 1];

/** Pure-JS reference backend: every kernel, but slow for convs. */
export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** The default backend here, set up as the trainer does (incl. the conv gradient kernel wasm lacks). */
export async function useWasm(): Promise<void> {
  await selectBackend('wasm');
}

let mnist: ReturnType<typeof loadBuiltinDataset> | undefined;

/** The first `count` builtin MNIST digits as [count, 28, 28, 1] in [0, 1]. */
export function mnistBatch(count: number): tf.Tensor4D {
  mnist ??= loadBuiltinDataset('builtin:mnist');
  return tf.tensor4d(mnist.x.slice(0, count * 784), [count, 28, 28, 1]);
}

export function templateExperiment(id: string, overrides: (e: Experiment) => void = () => {}): Experiment {
  const template = findTemplate(id);
  if (!template) throw new Error(`no template ${id}`);
  const experiment = experimentSchema.parse(template.experiment(`test-${id}`));
  overrides(experiment);
  return experiment;
}

export function buildTemplate(id: string, inputShape = MNIST_SHAPE, overrides?: (e: Experiment) => void): Autoencoder {
  return buildAutoencoder(templateExperiment(id, overrides), inputShape);
}

export function disposeAutoencoder(autoencoder: Autoencoder): void {
  autoencoder.encoder.dispose();
  autoencoder.decoder.dispose();
}
