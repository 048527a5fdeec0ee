// Errors of a time series' windows, point by point: the same per-value error as the run's metric
// (perSampleReconstructionError), averaged over channels, so a window's mean point error is its sample error. Window
// errors become one error per time point by protocol/series.ts's pointErrors; the run's threshold (saveRunModels) and
// `aelab score` on a series both go through here.
import type { TrainingConfig } from '../../protocol/experiment';
import { pointErrors, type PointAggregate, type SeriesLayout } from '../../protocol/series';

const EPSILON = 1e-7; // as the bce of models/losses.ts

/** count windows of window x channels values (inputs and reconstructions, run scale) -> count x window point errors. */
export function windowPointErrors(x: Float32Array, reconstructions: Float32Array, count: number, window: number, channels: number, loss: TrainingConfig['loss']): Float32Array {
  const out = new Float32Array(count * window);
  for (let p = 0; p < count * window; p++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) {
      const t = x[p * channels + c];
      const o = reconstructions[p * channels + c];
      if (loss === 'mse') sum += (t - o) ** 2;
      else {
        const clipped = Math.min(1 - EPSILON, Math.max(EPSILON, o));
        sum -= t * Math.log(clipped) + (1 - t) * Math.log(1 - clipped);
      }
    }
    out[p] = sum / channels;
  }
  return out;
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
