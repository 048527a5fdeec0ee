// The backend's own matMul speed on the shape of the deep AE's widest layer: 256x784 @ 784x128, the same weights
// every call (so XNNPACK's packed-weight cache is warm). matmulRooflineGflops: the fastest of many runs on this thread
// (other jobs on a shared machine only ever slow a run down). allThreadsMatmulGflops: one worker thread per core,
// each with its own wasm instance, all running it at once; the best of a few windows of summed GFLOP/s.
import * as tf from '@tensorflow/tfjs';
import { Worker } from 'node:worker_threads';

const [M, K, N] = [256, 784, 128];
const FLOPS = 2 * M * K * N;

export function matmulRooflineGflops(runs = 40): number {
  const a = tf.randomUniform([M, K], 0, 1, 'float32', 1);
  const b = tf.randomUniform([K, N], 0, 1, 'float32', 2);
  const once = () => {
    const started = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
    return performance.now() - started;
  };
  for (let i = 0; i < 5; i++) once();
  const ms = Math.min(...Array.from({ length: runs }, once));
  tf.dispose([a, b]);
  return FLOPS / (ms * 1e6);
}

/** The roofline matMul run back to back for a window; `run` answers the FLOPs done and the milliseconds taken. */
export function matmulLoop(): { run: (windowMs: number) => { flops: number; ms: number }; dispose: () => void } {
  const a = tf.randomUniform([M, K], 0, 1, 'float32', 1);
  const b = tf.randomUniform([K, N], 0, 1, 'float32', 2);
  return {
    run: (windowMs) => {
      const started = performance.now();
      let calls = 0;
      while (performance.now() - started < windowMs) {
        const c = tf.matMul(a, b);
        c.dataSync();
        c.dispose();
        calls++;
      }
      return { flops: calls * FLOPS, ms: performance.now() - started };
    },
    dispose: () => tf.dispose([a, b]),
  };
}

const WINDOWS = 5;
const WINDOW_MS = 1000;

export async function allThreadsMatmulGflops(workerScript: string, threads: number): Promise<number> {
  const workers = Array.from({ length: threads }, () => new Worker(workerScript));
  const next = (worker: Worker) => new Promise<unknown>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  try {
    await Promise.all(workers.map(next));
    let best = 0;
    for (let w = 0; w < WINDOWS; w++) {
      const answers = workers.map(next) as Promise<{ flops: number; ms: number }>[];
      workers.forEach((worker) => worker.postMessage({ windowMs: WINDOW_MS }));
      const done = await Promise.all(answers);
      // Each thread's own rate, summed: the windows start within a message's latency of each other.
      best = Math.max(best, done.reduce((sum, d) => sum + d.flops / (d.ms * 1e6), 0));
    }
    return best;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
