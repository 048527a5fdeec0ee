// Rows [start, start + rows) of an in-memory dataset as one tensor of shape [rows, ...sampleShape].
import * as tf from '@tensorflow/tfjs';
import { sampleSize, type Dataset } from './dataset';

export function samplesTensor(dataset: Dataset, start: number, rows: number): tf.Tensor {
  const size = sampleSize(dataset);
  return tf.tensor(dataset.x.subarray(start * size, (start + rows) * size), [rows, ...dataset.sampleShape]);
}
