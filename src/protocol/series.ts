// Time series (data.format "timeseries"): a series is cut into windows of `window` points every `stride` points; each
// window is one sample. What is learnt per window is mapped back to time points here, for `aelab score` on a series,
// the Series view and the evaluation. Pure functions on typed arrays, free of Node and tfjs, so every process can use them.

/** How a point's error is made from the errors of the windows that cover it. */
export const POINT_AGGREGATES = ['mean', 'max'] as const;
export type PointAggregate = (typeof POINT_AGGREGATES)[number];

/** Where a dataset's windows sit in its series. Set on a Dataset loaded from a time series. */
export interface SeriesLayout {
  /** One label per time point of the whole series: the time column's text, or the 1-based data row number. */
  times: string[];
  /** The value columns, in channel order. */
  columns: string[];
  window: number;
  stride: number;
  /** Window i (sample i of the dataset) covers points [starts[i], starts[i] + window) of `times`. */
  starts: Int32Array;
}

/**
 * Each point's error from the windows covering it: `windowPointErrors` holds, per window, one error per point of the
 * window (window-major: window i's point j is at i * window + j). Points no window covers get NaN.
 */
export function pointErrors(windowPointErrors: Float32Array, starts: Int32Array, window: number, pointCount: number, aggregate: PointAggregate): Float32Array {
  const sum = new Float64Array(pointCount);
  const covered = new Int32Array(pointCount);
  const out = new Float32Array(pointCount).fill(aggregate === 'max' ? -Infinity : 0);
  for (let w = 0; w < starts.length; w++) {
    for (let j = 0; j < window; j++) {
      const point = starts[w] + j;
      if (point < 0 || point >= pointCount) continue;
      const error = windowPointErrors[w * window + j];
      covered[point]++;
      if (aggregate === 'max') out[point] = Math.max(out[point], error);
      else sum[point] += error;
    }
  }
  for (let p = 0; p < pointCount; p++) {
    if (covered[p] === 0) out[p] = NaN;
    else if (aggregate === 'mean') out[p] = sum[p] / covered[p];
  }
  return out;
}

/**
 * Each point's values as the mean over the windows covering it (a window holds `window` points of `channels` values,
 * point-major): how a series' windows (values, reconstructions) become one row per time point.
 */
export class PointMeans {
  private readonly sums: Float64Array;
  private readonly covered: Int32Array;

  constructor(
    readonly points: number,
    readonly channels: number,
  ) {
    this.sums = new Float64Array(points * channels);
    this.covered = new Int32Array(points);
  }

  /** The window starting at point `start`, read from `values` at `offset`; points outside the series are skipped. */
  add(start: number, window: number, values: Float32Array, offset: number): void {
    for (let j = 0; j < window; j++) {
      const point = start + j;
      if (point < 0 || point >= this.points) continue;
      this.covered[point]++;
      for (let c = 0; c < this.channels; c++) this.sums[point * this.channels + c] += values[offset + j * this.channels + c];
    }
  }

  covers(point: number): boolean {
    return this.covered[point] > 0;
  }

  /** Channel c's mean at a point; NaN where no window covers it. */
  at(point: number, c: number): number {
    return this.covered[point] ? this.sums[point * this.channels + c] / this.covered[point] : NaN;
  }

  /** Channel c's means for points [first, points). */
  column(c: number, first = 0): Float32Array {
    return Float32Array.from({ length: this.points - first }, (_, i) => this.at(first + i, c));
  }
}

/** A run of consecutive flagged points, inclusive at both ends (indices into the series' points). */
export interface FlaggedSpan {
  start: number;
  end: number;
}

/** The spans of consecutive points whose error is above `threshold` (NaN is never flagged). */
export function flaggedSpans(errors: ArrayLike<number>, threshold: number): FlaggedSpan[] {
  const spans: FlaggedSpan[] = [];
  let start = -1;
  for (let p = 0; p <= errors.length; p++) {
    const flagged = p < errors.length && errors[p] > threshold;
    if (flagged && start < 0) start = p;
    if (!flagged && start >= 0) {
      spans.push({ start, end: p - 1 });
      start = -1;
    }
  }
  return spans;
}
