// PointMeans: each time point's values as the mean over the windows covering it, the one averaging behind the Series
// view's values and reconstruction and `aelab reconstruct` on a series.
import { describe, expect, it } from 'vitest';
import { PointMeans } from '../../../src/protocol/series';

describe('point means of windows', () => {
  it('averages each channel over the covering windows, NaN where none covers a point', () => {
    // 6 points, two channels, windows of 3 at starts 0 and 2 (point 2 in both), point 5 in none.
    const means = new PointMeans(6, 2);
    const windows = Float32Array.from([1, 10, 2, 20, 3, 30, /* at 2: */ 5, 50, 6, 60, 7, 70]);
    means.add(0, 3, windows, 0);
    means.add(2, 3, windows, 6);
    expect(Array.from(means.column(0))).toEqual([1, 2, (3 + 5) / 2, 6, 7, NaN]);
    expect(Array.from(means.column(1, 2))).toEqual([(30 + 50) / 2, 60, 70, NaN]);
    expect([0, 4, 5].map((p) => means.covers(p))).toEqual([true, true, false]);
    expect(means.at(2, 1)).toBe(40);
  });

  it('skips window points outside the series', () => {
    const means = new PointMeans(2, 1);
    means.add(1, 3, Float32Array.from([4, 8, 9]), 0);
    expect(Array.from(means.column(0))).toEqual([NaN, 4]);
  });
});
