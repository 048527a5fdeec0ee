// The PyTorch rebuild of a run's networks computes what tfjs computes: tiny runs trained through the CLI, their saved
// encoder and decoder run in tfjs (read from the run folder as the trainer reads them) and in torch (Network +
// load_tfjs_weights from the run's model.json), on the same fixed inputs, agree to 1e-4 per output.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ExperimentInput } from '../../../src/protocol/experiment';
import { networkSpec } from '../../../src/templates/python/networkSpec';
import { loadLayersModelFromDir } from '../../../src/trainer/runs/loadModel';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';
import { compareWithTorch, torchParityRunner, torchPythonOrThrow, type TorchComparison } from '../../helpers/torchParity';
import { writeDailyTemperatureRows } from '../../helpers/seriesRows';

const PYTHON = torchPythonOrThrow();
const workspace = tempWorkspace('aelab-pt-network-');
const runsDir = join(workspace, 'runs');
const TOLERANCE = 1e-4;
writeDailyTemperatureRows(workspace);

async function trainRun(experiment: Partial<ExperimentInput> & { name: string }): Promise<string> {
  const file = writeExperiment(workspace, { training: { epochs: 1, batchSize: 32, learningRate: 0.01, seed: 7 }, ...experiment });
  const result = await runNode([CLI_SCRIPT, 'train', file, '--backend', 'cpu', '--epochs', '1', '--limit', '256', '--json', '--runs-dir', runsDir]);
  expect(result.status, result.stderr).toBe(0);
  return join(runsDir, JSON.parse(result.stdout).runId);
}

/** Fixed inputs in [-1, 2): varied enough that every unit, padding cell and activation branch is exercised. */
function fixedInput(shape: number[], salt: number): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, (_, i) => (Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453) % 1.5 + 0.5), shape);
}

/** Runs one saved network in tfjs and in torch on 3 fixed samples; returns the max abs difference per output. */
async function compare(runDir: string, part: 'encoder' | 'decoder'): Promise<TorchComparison> {
  const modelDir = join(runDir, part);
  const model = await loadLayersModelFromDir(modelDir);
  const inputs = model.inputs.map((input, i) => fixedInput([3, ...(input.shape.slice(1) as number[])], i + 1));
  const predicted = model.predict(inputs.length === 1 ? inputs[0] : inputs);
  const outputs = Array.isArray(predicted) ? predicted : [predicted];
  // A comparison means something only if the outputs vary: a saturated network would agree whatever the weights.
  for (const output of outputs) expect(tf.moments(output).variance.dataSync()[0], `${part} output spread`).toBeGreaterThan(1e-6);
  const asJson = (t: tf.Tensor) => ({ shape: t.shape, data: Array.from(t.dataSync()) });
  const comparison = compareWithTorch(modelDir, inputs.map(asJson), outputs.map(asJson));
  tf.dispose([...inputs, ...outputs]);
  model.dispose();
  return comparison;
}

async function expectParity(runDir: string, encoderOutputs = 1): Promise<number> {
  const encoder = await compare(runDir, 'encoder');
  const decoder = await compare(runDir, 'decoder');
  expect(encoder.outputs).toBe(encoderOutputs);
  const worst = Math.max(...encoder.differences, ...decoder.differences);
  console.log(`${runDir.split('/').at(-1)}: max abs difference encoder ${encoder.differences.map((d) => d.toExponential(2)).join(', ')}, decoder ${decoder.differences.map((d) => d.toExponential(2)).join(', ')}`);
  expect(worst).toBeLessThan(TOLERANCE);
  return worst;
}

describe('the PyTorch rebuild of a run computes what tfjs computes', () => {
  it('a dense autoencoder (Flatten, Dense, Reshape)', async () => {
    const run = await trainRun({ name: 'dense', kind: 'deep', model: { hidden: [16], latentDim: 4, activation: 'elu' } });
    await expectParity(run);
  });

  it('a conv autoencoder with stride-2 Conv2DTranspose, "same" max pooling of odd sizes (7 -> 4) and Cropping2D', async () => {
    const run = await trainRun({ name: 'conv', kind: 'conv', model: { filters: [4, 4, 4], upsampling: 'transpose', latentDim: 4 } });
    await expectParity(run);
  });

  it('a VAE encoder with two outputs (z_mean, z_log_var) and stride-2 convs', async () => {
    const run = await trainRun({ name: 'convvae', kind: 'conv-vae', model: { filters: [4, 8], hidden: [8], latentDim: 2 } });
    await expectParity(run, 2);
  });

  it('a conditional VAE: encoder and decoder with two inputs joined by Concatenate', async () => {
    const run = await trainRun({ name: 'cvae', kind: 'cvae', model: { hidden: [8], latentDim: 2 } });
    await expectParity(run, 2);
  });

  it('custom layer lists: stride-2 "same" convs on 7x7, batch norm, dropout, pooling, valid and k < s transposes', async () => {
    const run = await trainRun({
      name: 'custom',
      kind: 'custom',
      model: {
        latentDim: 8,
        encoder: [
          { type: 'conv2d', filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
          { type: 'batchNormalization' },
          { type: 'conv2d', filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'tanh' },
          { type: 'conv2d', filters: 4, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'selu' },
          { type: 'maxPooling2d', poolSize: 3, strides: 1, padding: 'same' },
          { type: 'flatten' },
          { type: 'dense', units: 8, activation: 'elu' },
          { type: 'dropout', rate: 0.3 },
        ],
        decoder: [
          { type: 'dense', units: 64, activation: 'softplus' },
          { type: 'reshape', targetShape: [4, 4, 4] },
          { type: 'upSampling2d', size: 2 },
          { type: 'conv2d', filters: 4, kernelSize: 2, padding: 'valid', activation: 'relu' },
          { type: 'conv2dTranspose', filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
          { type: 'batchNormalization' },
          { type: 'conv2dTranspose', filters: 2, kernelSize: 1, strides: 2, padding: 'valid', activation: 'linear' },
          { type: 'conv2d', filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' },
        ],
      },
    });
    await expectParity(run);
  });
});

describe('the PyTorch rebuild of a sequence run computes what tfjs computes', () => {
  const series = { source: 'days.csv', validationSplit: 0.1, normalization: 'zscore' } as const;
  const training = { epochs: 1, batchSize: 32, learningRate: 0.01, loss: 'mse', seed: 7 } as const;

  it('a conv1d autoencoder (Conv1D stride 2, Dropout, a [steps, 1, channels] Conv2DTranspose decoder)', async () => {
    const run = await trainRun({ name: 'conv1d', kind: 'conv1d', data: series, training, model: { filters: [4, 4], outputActivation: 'linear' } });
    await expectParity(run);
  });

  it('an LSTM VAE (LSTM, two dense heads, RepeatVector, LSTM with sequences, a per-step Dense)', async () => {
    const run = await trainRun({ name: 'lstmvae', kind: 'vae', data: series, training, model: { architecture: 'lstm', latentDim: 3, outputActivation: 'linear' } });
    await expectParity(run, 2);
  });
});

describe('load_tfjs_weights refuses weights that do not fit', () => {
  it('exits non-zero naming model.json, the weight and the expected shape when a shape is wrong', async () => {
    const run = await trainRun({ name: 'badshape', kind: 'deep', model: { hidden: [8], latentDim: 3 } });
    const copy = join(workspace, 'badshape-encoder');
    mkdirSync(copy);
    copyFileSync(join(run, 'encoder', 'weights.bin'), join(copy, 'weights.bin'));
    const modelJson = JSON.parse(readFileSync(join(run, 'encoder', 'model.json'), 'utf8'));
    const kernel = modelJson.weightsManifest[0].weights.find((w: { name: string }) => w.name === 'encoder_code/kernel');
    kernel.shape = [kernel.shape[1], kernel.shape[0]];
    writeFileSync(join(copy, 'model.json'), JSON.stringify(modelJson));
    const spec = networkSpec(JSON.parse(readFileSync(join(run, 'encoder', 'model.json'), 'utf8')), 'encoder');
    const caseFile = join(workspace, 'badshape.json');
    writeFileSync(caseFile, JSON.stringify({ spec, inputs: [], outputs: [] }));
    const result = spawnSync(PYTHON, [torchParityRunner(), caseFile, copy], { encoding: 'utf8', timeout: 120_000 });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`${join(copy, 'model.json')}: weight encoder_code/kernel has shape [3, 8]; expected shape [8, 3]`);
  });
});
