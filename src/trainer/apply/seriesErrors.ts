// Errors of a time series' windows, point by point: the run's metric (perSampleReconstructionError) with each time point
// of each window as one sample of `channels` values, so a window's mean point error is its sample error. Window errors
// become one error per time point by protocol/series.ts's pointErrors; the run's threshold (saveRunModels), `aelab
// score` on a series and the Series view all go through here, so their thresholds come from the same code.
import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';
import { pointErrors, type PointAggregate, type SeriesLayout } from '../../protocol/series';
import { perSampleReconstructionError } from '../models/losses';

/** count windows of window x channels values (inputs and reconstructions, run scale) -> count x window point errors. */
export function windowPointErrors(x: Float32Array, reconstructions: Float32Array, count: number, window: number, channels: number, loss: TrainingConfig['loss']): Float32Array {
  const values = count * window * channels;
  if (values === 0) return new Float32Array(0);
  return tf.tidy(() => {
    const shape: [number, number] = [count * window, channels];
    const target = tf.tensor2d(x.subarray(0, values), shape);
    const output = tf.tensor2d(reconstructions.subarray(0, values), shape);
    return perSampleReconstructionError(loss, target, output).dataSync() as Float32Array;
  });
}

/** Collects window point errors batch by batch, then gives one error per point of the series (NaN where no window is). */
export class SeriesErrorCollector {
  private readonly perWindow: Float32Array;

  constructor(
    private readonly layout: SeriesLayout,
    private readonly loss: TrainingConfig['loss'],
  ) {
    this.perWindow = new Float32Array(layout.starts.length * layout.window);
  }

  /** Windows [first, first + count) of the layout, with their inputs and reconstructions. */
  add(first: number, count: number, x: Float32Array, reconstructions: Float32Array): void {
    const { window, columns } = this.layout;
    this.perWindow.set(windowPointErrors(x, reconstructions, count, window, columns.length, this.loss), first * window);
  }

  pointErrors(aggregate: PointAggregate): Float32Array {
    return pointErrors(this.perWindow, this.layout.starts, this.layout.window, this.layout.times.length, aggregate);
  }
}
