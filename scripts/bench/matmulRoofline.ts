// The backend's own matMul speed on the shape of the deep AE's widest layer: 256x784 @ 784x128, the same weights
// every call (so XNNPACK's packed-weight cache is warm), the fastest of many runs (other jobs on a shared machine
// only ever slow a run down). A ceiling for one thread.
import * as tf from '@tensorflow/tfjs';

const [M, K, N] = [256, 784, 128];

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
  return (2 * M * K * N) / (ms * 1e6);
}
