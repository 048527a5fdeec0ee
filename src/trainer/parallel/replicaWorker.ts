// Entry of a replica worker thread (bundled as dist/replicaWorker.js): its own tfjs-wasm instance and its own copy
// of the model and optimizer, kept identical to the main thread's by applying the same combined gradients.
import * as tf from '@tensorflow/tfjs';
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from '../backends/selectBackend';
import { maybeClip } from '../loop/clipGradients';
import { createOptimizer, type ScheduledOptimizer } from '../loop/optimizer';
import type { EpochSettings } from '../loop/trainingAids';
import { buildAutoencoder } from '../models/buildAutoencoder';
import type { Autoencoder } from '../models/types';
import { combineGradients, type Layout } from './gradientExchange';
import { ReplicaChannel } from './replicaChannel';
import type { MainToReplica, NamedValues, ReplicaToMain, ReplicaWorkerData } from './replicaMessages';
import { computeGradients, disposeResult, publishResult } from './replicaStep';
import { flatOffsets, trainableVariables } from './variableOrder';

/** Longest wait for the other replicas in one step before giving up (a stalled main thread, a crashed peer). */
const STEP_TIMEOUT_MS = 120_000;

const data = workerData as ReplicaWorkerData;
const channel = new ReplicaChannel(data.buffers);
let autoencoder: Autoencoder;
let optimizer: ScheduledOptimizer;
let variables: tf.Variable[];
let layout: Layout;

function send(message: ReplicaToMain): void {
  parentPort!.postMessage(message);
}

async function init(): Promise<void> {
  await selectBackend('wasm');
  autoencoder = buildAutoencoder(data.experiment, data.sampleShape);
  optimizer = createOptimizer(data.experiment.training);
  variables = trainableVariables(autoencoder);
  const shapes = variables.map((v) => v.shape);
  if (JSON.stringify(shapes) !== JSON.stringify(data.variableShapes)) throw new Error('replica model differs from the main model');
  layout = { names: variables.map((v) => v.name), shapes, offsets: flatOffsets(shapes).offsets };
}

async function sync(model: NamedValues[], optimizerState: NamedValues[], settings: EpochSettings | undefined): Promise<void> {
  const weights = model.map((w) => tf.tensor(w.values, w.shape));
  const encoderCount = autoencoder.encoder.getWeights().length;
  autoencoder.encoder.setWeights(weights.slice(0, encoderCount));
  autoencoder.decoder.setWeights(weights.slice(encoderCount));
  tf.dispose(weights);
  // setWeights replaces an optimizer's slot variables without freeing the old ones: start from a fresh optimizer.
  optimizer.dispose();
  optimizer = createOptimizer(data.experiment.training);
  await optimizer.setWeights(optimizerState.map((w) => ({ name: w.name, tensor: tf.tensor(w.values, w.shape) })));
  // The epoch's learning rate and KL weight, as the main thread trains with them (training aids).
  if (settings) optimizer.setLearningRate(settings.learningRate);
  if (autoencoder.klWeight && settings?.klWeight !== undefined) autoencoder.klWeight.value = settings.klWeight;
}

function step(stepNumber: number, rows: number[], noiseSeed: number): void {
  const self = data.replica;
  const result = rows[self] > 0 ? computeGradients(autoencoder, variables, channel.input(self), rows[self], data.sampleShape, noiseSeed) : undefined;
  try {
    if (result) publishResult(result, channel.gradients(self, stepNumber), channel.losses(self), layout);
    channel.publish(self, stepNumber);
    channel.waitForOthers(self, stepNumber, STEP_TIMEOUT_MS);
    const combined = combineGradients(self, result?.grads ?? {}, (r) => channel.gradients(r, stepNumber), rows, layout);
    const clipped = maybeClip(combined, data.experiment.training.clipNorm);
    optimizer.applyGradients(clipped);
    tf.dispose([...Object.values(combined), ...Object.values(clipped)]);
  } finally {
    if (result) disposeResult(result);
  }
}

async function handle(message: MainToReplica): Promise<void> {
  if (message.type === 'sync') {
    await sync(message.model, message.optimizer, message.settings);
    send({ type: 'synced' });
  } else if (message.type === 'step') {
    step(message.step, message.rows, message.noiseSeed);
  } else {
    process.exit(0);
  }
}

function fail(error: unknown): void {
  channel.markFailed();
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}

// Messages are handled strictly in order: a sync must finish before the next step starts.
let queue = init().then(() => send({ type: 'ready' }), fail);
parentPort!.on('message', (message: MainToReplica) => {
  queue = queue.then(() => (channel.failed ? undefined : handle(message))).catch(fail);
});
