// Main-thread side of the replica workers: starts them, hands out steps and state, and notices when one fails
// (error, exit, or a 'failed' message), after which the pool is unusable and training continues on one thread.
import type * as tf from '@tensorflow/tfjs';
import { Worker } from 'node:worker_threads';
import type { Experiment } from '../../protocol/experiment';
import type { EpochSettings } from '../loop/trainingAids';
import { createChannelBuffers, ReplicaChannel } from './replicaChannel';
import type { MainToReplica, NamedValues, ReplicaToMain, ReplicaWorkerData } from './replicaMessages';
import { flatOffsets } from './variableOrder';

export interface ReplicaPoolOptions {
  workerScript: string;
  replicas: number;
  experiment: Experiment;
  sampleShape: number[];
  variables: tf.Variable[];
  /** Most rows any one worker gets per step. */
  maxRows: number;
  /** How long one step may wait for the workers before they are given up on. */
  stepTimeoutMs?: number;
}

export class ReplicaPool {
  readonly channel: ReplicaChannel;
  private readonly workers: Worker[] = [];
  private readonly waiting = new Set<{ type: ReplicaToMain['type']; pending: Set<Worker>; resolve: () => void; reject: (e: Error) => void }>();
  private failureReason: string | undefined;
  private disposed = false;

  private constructor(private readonly options: ReplicaPoolOptions) {
    const shapes = options.variables.map((v) => v.shape);
    const sampleSize = options.sampleShape.reduce((a, b) => a * b, 1);
    this.channel = new ReplicaChannel(createChannelBuffers(options.replicas, flatOffsets(shapes).total, options.maxRows * sampleSize));
    for (let replica = 1; replica < options.replicas; replica++) {
      const workerData: ReplicaWorkerData = { replica, experiment: options.experiment, sampleShape: options.sampleShape, buffers: this.channel.buffers, variableShapes: shapes };
      const worker = new Worker(options.workerScript, { workerData });
      worker.unref(); // never keeps the trainer process alive
      worker.on('message', (message: ReplicaToMain) => this.onMessage(worker, message));
      worker.on('error', (error) => this.fail(`replica ${replica}: ${error.message}`));
      worker.on('exit', (code) => this.disposed || this.fail(`replica ${replica} exited (code ${code})`));
      this.workers.push(worker);
    }
  }

  /** Starts the workers and waits until each has built its model. */
  static async start(options: ReplicaPoolOptions): Promise<ReplicaPool> {
    const pool = new ReplicaPool(options);
    try {
      await pool.expectFromAll('ready');
    } catch (error) {
      pool.dispose();
      throw error;
    }
    return pool;
  }

  get failure(): string | undefined {
    return this.failureReason;
  }

  /** Copies the main model's weights, optimizer state and this epoch's settings into every worker. */
  async sync(model: NamedValues[], optimizer: NamedValues[], settings: EpochSettings | undefined): Promise<void> {
    const synced = this.expectFromAll('synced');
    this.broadcast(() => ({ type: 'sync', model, optimizer, settings }));
    await synced;
  }

  /** Starts a step on every worker; each worker's rows must already be in its channel input. */
  startStep(step: number, rows: number[], noiseSeedFor: (replica: number) => number): void {
    this.broadcast((replica) => ({ type: 'step', step, rows, noiseSeed: noiseSeedFor(replica) }));
  }

  waitForStep(step: number): Promise<boolean> {
    return this.channel.waitForWorkers(step, this.options.stepTimeoutMs ?? 120_000);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.channel.markFailed(); // wakes any worker blocked in a barrier
    for (const worker of this.workers) void worker.terminate();
    this.rejectWaiting(new Error('replica pool disposed'));
  }

  private broadcast(message: (replica: number) => MainToReplica): void {
    this.workers.forEach((worker, i) => worker.postMessage(message(i + 1)));
  }

  private expectFromAll(type: ReplicaToMain['type']): Promise<void> {
    if (this.failureReason) return Promise.reject(new Error(this.failureReason));
    return new Promise((resolve, reject) => this.waiting.add({ type, pending: new Set(this.workers), resolve, reject }));
  }

  private onMessage(worker: Worker, message: ReplicaToMain): void {
    if (message.type === 'failed') return this.fail(message.message);
    for (const wait of this.waiting) {
      if (wait.type !== message.type || !wait.pending.delete(worker) || wait.pending.size > 0) continue;
      this.waiting.delete(wait);
      wait.resolve();
    }
  }

  private fail(reason: string): void {
    if (this.failureReason) return;
    this.failureReason = reason;
    this.channel.markFailed();
    this.rejectWaiting(new Error(reason));
  }

  private rejectWaiting(error: Error): void {
    this.waiting.forEach((wait) => wait.reject(error));
    this.waiting.clear();
  }
}
