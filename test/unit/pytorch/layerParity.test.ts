// The layers and options no template produces but a saved tfjs model may hold (dilated convs, "same"
// average pooling, odd-overhang transposes, padding and cropping, merges, a backwards LSTM with hard-sigmoid gates,
// every mapped activation): a tfjs model built here with random weights everywhere (biases and batch-norm statistics
// too), saved as the trainer saves models, and its PyTorch rebuild agree to 1e-4 on fixed inputs.
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layersModelFiles, writeLayersModelFiles } from '../../../src/trainer/runs/saveModel';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { compareWithTorch } from '../../helpers/torchParity';

type Symbolic = tf.SymbolicTensor;
const on = (layer: tf.layers.Layer, x: Symbolic | Symbolic[]) => layer.apply(x) as Symbolic;
// tfjs types its activation option narrowly; the saved name is what matters here.
const act = (name: string) => name as 'relu';

/** Deterministic values in [-1, 1) (or (0.5, 1.5] for variances), so every weight, bias and statistic is non-trivial. */
function values(shape: number[], salt: number, positive = false): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = Float32Array.from({ length: size }, (_, i) => {
    const u = Math.abs(Math.sin((i + 1) * 12.9898 + salt * 78.233) * 43758.5453) % 1;
    return positive ? 0.5 + u : 2 * u - 1;
  });
  return tf.tensor(data, shape);
}

function imageBranch(x: Symbolic): Symbolic {
  let a = on(tf.layers.conv2d({ filters: 4, kernelSize: 3, dilationRate: 2, padding: 'same' }), x); // [9, 7, 4]
  a = on(tf.layers.leakyReLU({ alpha: 0.2 }), a);
  a = on(tf.layers.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' }), a); // [5, 4, 4]
  a = on(tf.layers.zeroPadding2d({ padding: [[1, 0], [0, 2]] }), a); // [6, 6, 4]
  a = on(tf.layers.batchNormalization({}), a);
  a = on(tf.layers.activation({ activation: act('relu6') }), on(tf.layers.dense({ units: 4 }), a)); // a Dense on [N, H, W, C]
  a = on(tf.layers.maxPooling2d({ poolSize: [2, 3], strides: [2, 3], padding: 'valid' }), a); // [3, 2, 4]
  a = on(tf.layers.conv2dTranspose({ filters: 3, kernelSize: 4, strides: 3, padding: 'same', activation: act('hardSigmoid') }), a); // [9, 6, 3]
  a = on(tf.layers.conv2dTranspose({ filters: 2, kernelSize: 2, strides: 3, padding: 'valid', activation: act('softsign') }), a); // [27, 18, 2]
  a = on(tf.layers.elu(), a);
  a = on(tf.layers.softmax({ axis: -1 }), a);
  a = on(tf.layers.cropping2D({ cropping: [[1, 2], [3, 0]] }), a); // [24, 15, 2]
  a = on(tf.layers.conv2d({ filters: 2, kernelSize: [3, 2], strides: 2, padding: 'same', activation: act('gelu') }), a); // [12, 8, 2]
  a = on(tf.layers.flatten(), a);
  return on(tf.layers.dense({ units: 5, activation: act('mish') }), a);
}

function sequenceBranch(s: Symbolic): Symbolic {
  let b = on(tf.layers.conv1d({ filters: 3, kernelSize: 3, padding: 'valid', dilationRate: 2, activation: act('swish') }), s); // [7, 3]
  b = on(tf.layers.repeatVector({ n: 2 }), on(tf.layers.flatten(), b)); // [2, 21]
  b = on(tf.layers.reshape({ targetShape: [14, 3] }), b);
  b = on(tf.layers.maxPooling1d({ poolSize: 3, strides: 2, padding: 'same' }), b); // [7, 3]
  b = on(tf.layers.maxPooling1d({ poolSize: 2, padding: 'same' }), b); // [4, 3]
  b = on(tf.layers.averagePooling1d({ poolSize: 3, strides: 2, padding: 'same' }), b); // [2, 3]
  b = on(tf.layers.conv1d({ filters: 2, kernelSize: 4, strides: 2, padding: 'same', activation: act('gelu_new') }), b); // [1, 2]
  b = on(tf.layers.flatten(), b);
  return on(tf.layers.dense({ units: 5, activation: act('selu') }), b);
}

function buildModel(): tf.LayersModel {
  const image = tf.input({ shape: [9, 7, 3], name: 'image' });
  const series = tf.input({ shape: [11, 2], name: 'series' });
  const a = imageBranch(image);
  const b = sequenceBranch(series);
  const merged = on(tf.layers.concatenate({ axis: -1 }), [
    on(tf.layers.add(), [a, b]),
    on(tf.layers.multiply(), [a, b]),
    on(tf.layers.average(), [a, b]),
    on(tf.layers.maximum(), [a, b]),
    on(tf.layers.minimum(), [a, b]),
  ]); // [25]
  const vector = on(tf.layers.activation({ activation: act('logSoftmax') }), merged);
  const state = on(tf.layers.lstm({ units: 3 }), on(tf.layers.repeatVector({ n: 4 }), merged)); // [3]
  let steps = on(tf.layers.lstm({ units: 3, returnSequences: true, goBackwards: true, recurrentActivation: 'hardSigmoid', activation: 'tanh' }), series); // [11, 3]
  steps = on(tf.layers.dense({ units: 2, activation: act('softplus') }), steps); // [11, 2]
  return tf.model({ inputs: [image, series], outputs: [vector, steps, state], name: 'layers' });
}

describe('layers no template produces', () => {
  it('rebuild in PyTorch to within 1e-4 of tfjs, outputs in order', async () => {
    const model = buildModel();
    let salt = 0;
    for (const layer of model.layers) {
      const weights = layer.weights.map((w) => values(w.shape as number[], ++salt, w.originalName.endsWith('moving_variance')));
      if (weights.length) layer.setWeights(weights);
      tf.dispose(weights);
    }
    const dir = join(tempWorkspace('aelab-pt-layers-'), 'model');
    writeLayersModelFiles(dir, await layersModelFiles(model));

    const inputs = [values([3, 9, 7, 3], 1001), values([3, 11, 2], 1002)];
    const outputs = model.predict(inputs) as tf.Tensor[];
    const asJson = (t: tf.Tensor) => ({ shape: t.shape, data: Array.from(t.dataSync()) });
    for (const output of outputs) expect(tf.moments(output).variance.dataSync()[0]).toBeGreaterThan(1e-6);
    const comparison = compareWithTorch(dir, inputs.map(asJson), outputs.map(asJson));
    tf.dispose([...inputs, ...outputs]);
    model.dispose();
    console.log(`hand-built model: max abs difference ${comparison.differences.map((d) => d.toExponential(2)).join(', ')}`);
    expect(comparison.outputs).toBe(3);
    for (const difference of comparison.differences) expect(difference).toBeLessThan(1e-4);
  });
});
