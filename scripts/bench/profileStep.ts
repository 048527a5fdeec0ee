// Where a training step's time goes on one thread: `node scripts/profile-step.mjs [template] [rows] [--shapes]` runs warm-up
// steps, then profiles steps with tf.profile and prints wall time per kernel name (summed over the steps), the
// kernel count. An op that calls a kernel (fusedMatMul__op → _FusedMatMul) is listed with it, so the sum double-counts.
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/trainer/backends/selectBackend';
import { loadBuiltinDataset } from '../../src/trainer/data/builtin';
import { createOptimizer } from '../../src/trainer/loop/optimizer';
import { LossAccumulator } from '../../src/trainer/loop/lossAccumulator';
import { localStep } from '../../src/trainer/loop/trainStep';
import { benchExperiment, withAutoencoder } from './trainingThroughput';

const STEPS = 10;

async function main(): Promise<void> {
  const [template = 'deep', rowsArg = '256'] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const rows = Number(rowsArg);
  await selectBackend('wasm');
  const data = loadBuiltinDataset('builtin:mnist');
  const experiment = benchExperiment(template)!;
  await withAutoencoder(experiment, data.sampleShape, async (autoencoder) => {
    const optimizer = createOptimizer(experiment.training);
    const step = localStep(autoencoder, optimizer);
    const batch = { samples: data.x, rows, sampleShape: data.sampleShape, noiseSeed: 1 };
    const totals = new LossAccumulator();
    for (let i = 0; i < 5; i++) void step.run(batch, totals);
    let started = performance.now();
    for (let i = 0; i < STEPS; i++) void step.run(batch, totals);
    const plainMs = (performance.now() - started) / STEPS;
    started = performance.now();
    const profile = await tf.profile(() => {
      for (let i = 0; i < STEPS; i++) void step.run(batch, totals);
    });
    const profiledMs = (performance.now() - started) / STEPS;
    const byName = new Map<string, { ms: number; calls: number }>();
    const detail = process.argv.includes('--shapes');
    for (const kernel of profile.kernels) {
      const key = detail ? `${kernel.name} ${kernel.inputShapes.map((shape) => `[${shape}]`).join(' ')}` : kernel.name;
      const entry = byName.get(key) ?? { ms: 0, calls: 0 };
      entry.ms += Number(kernel.kernelTimeMs) / STEPS;
      entry.calls += 1 / STEPS;
      byName.set(key, entry);
    }
    const rowsOut = [...byName].sort((a, b) => b[1].ms - a[1].ms);
    const kernelMs = rowsOut.reduce((sum, [, e]) => sum + e.ms, 0);
    console.log(`${template} at ${rows} rows: ${plainMs.toFixed(2)} ms per step unprofiled, ${profiledMs.toFixed(2)} profiled; kernels (nested counted twice) ${kernelMs.toFixed(2)} ms in ${profile.kernels.length / STEPS} calls`);
    for (const [name, e] of rowsOut) console.log(`${name.padEnd(detail ? 60 : 28)} ${e.ms.toFixed(3).padStart(8)} ms ${e.calls.toFixed(0).padStart(4)} calls`);
    optimizer.dispose();
  });
}

void main();
