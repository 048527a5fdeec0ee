// Every wasm patch is installed and does its work in real training: after one training step of each template,
// the patches that model needs were registered and counted calls on their own (not handed to the stock kernel).
// A patch that goes inert (a renamed kernel, a moved private field, a fast path that never applies) fails here,
// where the numerical tests stay green because they compare against exactly that stock path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experimentSchema } from '../../src/protocol/experiment';
import { KINDS, needsSeries } from '../../src/protocol/kinds';
import { TEMPLATES } from '../../src/templates/templates';
import { selectBackend } from '../../src/trainer/backends/selectBackend';
import { LossAccumulator } from '../../src/trainer/loop/lossAccumulator';
import { createOptimizer } from '../../src/trainer/loop/optimizer';
import { buildAutoencoder } from '../../src/trainer/models/buildAutoencoder';
import { createTrainStep, type ParallelSpec } from '../../src/trainer/parallel/createTrainStep';
import { WASM_PATCHES } from '../../src/trainer/wasm/patchList';
import { bundleReplicaWorker, type WorkerBundle } from './perf/replicaWorkerBundle';
import { firstDigits } from './perf/trainingRuns';

const MNIST = [28, 28, 1];
/** The sequence kinds read each digit as a series of 28 steps of 28 channels (its rows). */
const SERIES = [28, 28];
/** Small batches keep this quick; at 16 rows the forward product of a sigmoid output layer is reordered too. */
const ROWS = 16;

/** The BCE loss and its gradient, one kernel each. */
const BCE = ['AelabBinaryCrossEntropy', 'AelabBinaryCrossEntropyGrad'];
/** Every training step: tape clones, bias gradients, dense or im2col products, the BCE loss, the Adam update. */
const EVERY_STEP = ['Transpose', 'BatchMatMul', 'Identity', 'Sum', ...BCE, 'AelabAdamUpdate'];
/** A Dense layer whose activation tfjs does not fuse (the sigmoid output) sends a plain product. */
const DENSE_OUTPUT = ['_FusedMatMul'];
const CONV = ['Conv2DBackpropFilter', 'Conv2DBackpropInput'];
const POOL = ['MaxPoolGrad'];
const UPSAMPLING = ['ResizeNearestNeighborGrad'];

/** The patches one step of each template must run, from its layers. A new template needs an entry. */
const EXPECTED: Record<string, string[]> = {
  undercomplete: [...EVERY_STEP, ...DENSE_OUTPUT],
  deep: [...EVERY_STEP, ...DENSE_OUTPUT],
  conv: [...EVERY_STEP, ...CONV, ...POOL, ...UPSAMPLING],
  denoising: [...EVERY_STEP, ...CONV, ...POOL, ...UPSAMPLING],
  'denoising-keras-io': [...EVERY_STEP, ...CONV, ...POOL],
  // No pooling or upsampling; its own loss, no BCE; the ratio mask and its output are clipped (models/audioMask.ts).
  'audio-denoiser': [...EVERY_STEP.filter((name) => !BCE.includes(name)), 'ClipByValue', ...CONV],
  sparse: [...EVERY_STEP, ...DENSE_OUTPUT],
  contractive: [...EVERY_STEP, ...DENSE_OUTPUT],
  vae: [...EVERY_STEP, ...DENSE_OUTPUT],
  'conv-vae': [...EVERY_STEP, ...CONV],
  'beta-vae': [...EVERY_STEP, ...DENSE_OUTPUT],
  cvae: [...EVERY_STEP, ...DENSE_OUTPUT],
  iwae: [...EVERY_STEP, ...DENSE_OUTPUT],
  custom: [...EVERY_STEP, ...CONV, ...POOL],
  // MSE loss: no BCE.
  'one-class-conv': [...EVERY_STEP.filter((name) => !BCE.includes(name)), ...CONV, ...POOL, ...UPSAMPLING],
  // MSE loss; Conv1D and the Conv1DTranspose stand-in (Conv2DTranspose [7, 1]) run the conv gradients.
  conv1d: [...EVERY_STEP.filter((name) => !BCE.includes(name)), ...CONV],
  // MSE loss; the per-step Dense on the [steps, units] LSTM output is a product tfjs does not fuse.
  lstm: [...EVERY_STEP.filter((name) => !BCE.includes(name)), ...DENSE_OUTPUT],
  // MSE loss (their squared-L2 cost): no BCE.
  'wae-mmd': [...EVERY_STEP.filter((name) => !BCE.includes(name)), ...DENSE_OUTPUT],
  aae: [...EVERY_STEP, ...DENSE_OUTPUT],
  // MSE loss; no Dense layers (the codebook's one-hot products go through BatchMatMul).
  'vq-vae': [...EVERY_STEP.filter((name) => !BCE.includes(name)), ...CONV],
};
/** Averaging replica gradients runs only when a step is split across threads. */
const REPLICAS = ['AelabWeightedSum'];

/** Patch name -> calls it counted during `run`. */
async function callsDuring(run: () => Promise<void>): Promise<Map<string, number>> {
  const before = WASM_PATCHES.map((p) => p.calls);
  await run();
  return new Map(WASM_PATCHES.map((p, i) => [p.name, p.calls - before[i]]));
}

/** One optimizer step of a template's model, as the training loop takes it. */
async function oneStep(templateId: string, rows: number, parallel?: Omit<ParallelSpec, 'experiment' | 'sampleShape'>): Promise<void> {
  const template = TEMPLATES.find((t) => t.id === templateId)!;
  const experiment = experimentSchema.parse(template.experiment(`patches-${templateId}`));
  experiment.training.batchSize = rows;
  const shape = needsSeries(experiment.kind, experiment.model) ? SERIES : MNIST;
  // Kinds that generate by label train on the digits' 10 classes, with a label per row.
  const byLabel = KINDS[experiment.kind].generates === 'label';
  const autoencoder = buildAutoencoder(experiment, shape, undefined, byLabel ? 10 : undefined);
  const optimizer = createOptimizer(experiment.training);
  const step = await createTrainStep({ autoencoder, optimizer, batchSize: rows, parallel: parallel && { experiment, sampleShape: shape, ...parallel } });
  const totals = new LossAccumulator();
  try {
    await step.startEpoch?.();
    await step.run({ samples: firstDigits(rows).x, rows, sampleShape: shape, noiseSeed: 1, labels: byLabel ? Int32Array.from({ length: rows }, (_, i) => i % 10) : undefined }, totals);
    expect(Number.isFinite(totals.meanLoss())).toBe(true);
  } finally {
    step.dispose();
    optimizer.dispose();
    autoencoder.encoder.dispose();
    autoencoder.decoder.dispose();
  }
}

describe('wasm patches', () => {
  let worker: WorkerBundle;
  const everRan = new Set<string>();

  beforeAll(async () => {
    worker = await bundleReplicaWorker();
    const backend = await selectBackend('wasm');
    expect(backend.description).toBe('wasm (SIMD)');
  }, 120_000);

  afterAll(() => worker?.dispose());

  it('are all registered once the wasm backend is selected', () => {
    expect(WASM_PATCHES.filter((p) => !p.isRegistered()).map((p) => p.name)).toEqual([]);
  });

  it('each appear in the expectations below (a new patch needs a template that runs it)', () => {
    const expected = new Set([...Object.values(EXPECTED).flat(), ...REPLICAS]);
    expect(WASM_PATCHES.map((p) => p.name).sort()).toEqual([...expected].sort());
  });

  it.each(TEMPLATES.map((t) => t.id))('one step of %s runs the patches its layers need', async (id) => {
    expect(EXPECTED[id], `no expected patches for template ${id}`).toBeDefined();
    expect(WASM_PATCHES.filter((p) => EXPECTED[id].includes(p.name) && p.isRegistered()).map((p) => p.name).sort()).toEqual([...new Set(EXPECTED[id])].sort());
    const calls = await callsDuring(() => oneStep(id, ROWS));
    const ran = [...calls].filter(([, n]) => n > 0).map(([name]) => name);
    ran.forEach((name) => everRan.add(name));
    expect(ran.sort()).toEqual([...new Set(EXPECTED[id])].sort());
  }, 120_000);

  it('one step of deep on two replica threads also runs the gradient averaging', async () => {
    const calls = await callsDuring(() => oneStep('deep', 64, { workerScript: worker.script, replicas: 2 }));
    const ran = [...calls].filter(([, n]) => n > 0).map(([name]) => name);
    ran.forEach((name) => everRan.add(name));
    expect(ran.sort()).toEqual([...EXPECTED.deep, ...REPLICAS].sort());
  }, 120_000);

  it('together ran every patch at least once', () => {
    expect(WASM_PATCHES.map((p) => p.name).filter((name) => !everRan.has(name))).toEqual([]);
  });
});
