// The reproduction rows of issue 16 for cvae and iwae, trained through `aelab train` on builtin:mnist:
// - IWAE (Burda et al. 2016): its k-sample bound on held-out digits is tighter (higher) than the ELBO of a VAE with the
//   same network, seed and epochs;
// - CVAE (Sohn et al. 2015): samples decoded from the prior with a label fixed are recognised as that label by a kNN
//   classifier fitted on real digits (the evaluation's tfjs kNN), far above chance (0.1).
// Small by default; AELAB_ROWS_FULL=1 trains the README's numbers (all 10,000 digits, more epochs) and prints them.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KNN_K } from '../../../src/protocol/evaluation';
import type { EpochMetrics, RunSummary } from '../../../src/protocol/trainerMessages';
import { selectBackend } from '../../../src/trainer/backends/selectBackend';
import { loadBuiltinDataset } from '../../../src/trainer/data/builtin';
import { knnAccuracy } from '../../../src/trainer/evaluate/metrics/knnAccuracy';
import { modelInputs } from '../../../src/trainer/models/conditioning';
import { loadLayersModelFromDir } from '../../../src/trainer/runs/loadModel';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';

const FULL = process.env.AELAB_ROWS_FULL === '1';
const LIMIT = FULL ? 10_000 : 2_000;
const EPOCHS = FULL ? 10 : 4;
const SAMPLES_PER_CLASS = FULL ? 100 : 30;
const report = (line: string) => FULL && process.stderr.write(`[rows] ${line}\n`);

async function train(workspace: string, name: string, kind: 'vae' | 'iwae' | 'cvae', model: object): Promise<{ runDir: string; last: EpochMetrics }> {
  writeExperiment(workspace, { name, kind, data: { source: 'builtin:mnist', validationSplit: 0.1, limit: LIMIT }, model, training: { epochs: EPOCHS, batchSize: 64, learningRate: 0.001, seed: 11 }, evaluation: { enabled: false } });
  const result = await runNode([CLI_SCRIPT, 'train', `${name}.ae.json`, '--backend', 'wasm', '--json'], { cwd: workspace, timeout: 1_800_000 });
  expect(result.status, result.stderr).toBe(0);
  const runDir = join(workspace, '.aelab', 'runs', (JSON.parse(result.stdout) as RunSummary).runId);
  const metrics = readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as EpochMetrics);
  return { runDir, last: metrics[metrics.length - 1] };
}

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('reproduction rows', () => {
  it('IWAE (k = 5): the held-out k-sample bound is tighter than the ELBO of the VAE on the same network', async () => {
    const workspace = tempWorkspace('aelab-rows-iwae-');
    const network = { hidden: [200, 200], latentDim: 50, activation: 'tanh' as const };
    const vae = await train(workspace, 'vae', 'vae', network);
    const iwae = await train(workspace, 'iwae', 'iwae', { ...network, samples: 5 });
    const vaeElbo = -(vae.last.val_loss as number);
    const iwaeBound = iwae.last.val_iwae_bound as number;
    report(`${LIMIT} digits, ${EPOCHS} epochs: VAE val ELBO ${vaeElbo.toFixed(2)}; IWAE val 5-sample bound ${iwaeBound.toFixed(2)}, its val ELBO ${(iwae.last.val_elbo as number).toFixed(2)}`);
    expect(iwaeBound).toBeGreaterThan(vaeElbo);
  }, 1_800_000);

  it('CVAE: prior samples with a fixed label are recognised as that label by a kNN fitted on real digits', async () => {
    const workspace = tempWorkspace('aelab-rows-cvae-');
    const { runDir } = await train(workspace, 'cvae', 'cvae', { hidden: [512], latentDim: 2 });
    const decoder = await loadLayersModelFromDir(join(runDir, 'decoder'));
    const count = 10 * SAMPLES_PER_CLASS;
    const labels = Int32Array.from({ length: count }, (_, i) => i % 10);
    const samples = tf.tidy(() => {
      const z = tf.randomNormal([count, 2], 0, 1, 'float32', 2015);
      return (decoder.predict(modelInputs(decoder, z, tf.tensor1d(labels, 'int32'))) as tf.Tensor).dataSync() as Float32Array;
    });
    decoder.dispose();
    // The classifier's real digits are the ones the run did not train on (its validation tenth and the rest).
    const mnist = loadBuiltinDataset('builtin:mnist');
    const real = { x: mnist.x, labels: mnist.labels!, count: mnist.count, dim: 784 };
    const rate = await knnAccuracy(real, { x: samples, labels, count, dim: 784 }, KNN_K, 10);
    report(`${LIMIT} digits, ${EPOCHS} epochs: ${count} CVAE samples recognised as their label by ${KNN_K}-NN on ${mnist.count} real digits: ${rate.toFixed(3)}`);
    expect(rate).toBeGreaterThan(0.5);
  }, 1_800_000);
});
