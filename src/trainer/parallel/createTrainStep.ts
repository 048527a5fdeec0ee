// Chooses how each batch's gradients are computed. On wasm, which runs one thread per instance in Node, the batch
// is split across replica worker threads (one per core, up to MAX_TRAINING_THREADS); elsewhere, or when that cannot work,
// everything runs on the calling thread.
import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Experiment } from '../../protocol/experiment';
import { MAX_TRAINING_THREADS } from '../../protocol/trainerMessages';
import type { Autoencoder } from '../models/types';
import { localStep, type TrainStep } from '../loop/trainStep';
import { DataParallelStep } from './dataParallelStep';
import { ReplicaPool } from './replicaPool';
import { trainableVariables } from './variableOrder';

/** Below this many rows per replica the fixed per-step costs outweigh the split (measured, docs/benchmarks.md). */
export const MIN_ROWS_PER_REPLICA = 32;

export interface ParallelSpec {
  experiment: Experiment;
  sampleShape: number[];
  /** The bundled worker entry; defaults to replicaWorker.js next to the running bundle. */
  workerScript?: string;
  /** Replica count including the main thread; default: one per core up to MAX_TRAINING_THREADS. */
  replicas?: number;
}

export interface StepContext {
  autoencoder: Autoencoder;
  optimizer: tf.Optimizer;
  batchSize: number;
  /** training.clipNorm: every step clips the batch gradient's global norm to it. */
  clipNorm?: number;
  parallel?: ParallelSpec;
  onLog?: (level: 'info' | 'warn', message: string) => void;
}

export async function createTrainStep(context: StepContext): Promise<TrainStep> {
  const local = localStep(context.autoencoder, context.optimizer, context.clipNorm);
  const { parallel } = context;
  if (!parallel) return local;
  const plan = planReplicas(context, parallel);
  if (typeof plan === 'string') {
    context.onLog?.('info', `training on one thread: ${plan}`);
    return local;
  }
  const variables = trainableVariables(context.autoencoder);
  try {
    const pool = await ReplicaPool.start({ ...plan, experiment: parallel.experiment, sampleShape: parallel.sampleShape, variables, maxRows: Math.ceil(context.batchSize / plan.replicas) });
    context.onLog?.('info', `training on ${plan.replicas} threads (data-parallel replicas)`);
    return new DataParallelStep(pool, context.autoencoder, context.optimizer, variables, local, context.clipNorm, (reason) => context.onLog?.('warn', `replica threads stopped (${reason}); continuing on one thread`));
  } catch (error) {
    context.onLog?.('warn', `replica threads failed to start (${error instanceof Error ? error.message : String(error)}); training on one thread`);
    return local;
  }
}

/** Replica count and worker script, or why replicas are not used. */
function planReplicas(context: StepContext, parallel: ParallelSpec): { replicas: number; workerScript: string } | string {
  const requested = parallel.replicas ?? Math.min(availableParallelism(), MAX_TRAINING_THREADS);
  const replicas = Math.min(requested, Math.floor(context.batchSize / MIN_ROWS_PER_REPLICA));
  if (requested < 2) return 'one replica requested';
  if (tf.getBackend() !== 'wasm') return `the ${tf.getBackend()} backend is used (replica threads are for wasm)`;
  if (replicas < 2) return `batch size ${context.batchSize} is too small to split (under ${2 * MIN_ROWS_PER_REPLICA})`;
  const layers = [...context.autoencoder.encoder.layers, ...context.autoencoder.decoder.layers];
  if (layers.some((layer) => layer.getClassName() === 'BatchNormalization')) return 'batch normalization needs whole-batch statistics';
  if (context.autoencoder.afterStep) return 'the kind trains a second model after each step';
  if (context.autoencoder.conditional) return 'the kind is conditioned on labels';
  if (context.autoencoder.epochStats) return 'the kind counts values over each whole epoch (codebook usage)';
  const noise = parallel.experiment.model.noise;
  if (noise?.type === 'audio' && noise.file) return 'model.noise.file is loaded with the data, which replica threads do not load';
  const workerScript = parallel.workerScript ?? join(__dirname, 'replicaWorker.js');
  if (!existsSync(workerScript)) return `${workerScript} is missing`;
  return { replicas, workerScript };
}
