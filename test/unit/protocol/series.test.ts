import { describe, expect, it } from 'vitest';
import { flaggedSpans, pointErrors } from '../../../src/protocol/series';

describe('pointErrors', () => {
  // Series of 6 points, windows of 3 every 2 points: [0..2], [2..4]; point 5 is covered by no window.
  const starts = Int32Array.from([0, 2]);
  const perPoint = Float32Array.from([1, 2, 3, 5, 6, 7]);

  it('averages the windows covering each point', () => {
    expect(Array.from(pointErrors(perPoint, starts, 3, 6, 'mean'))).toEqual([1, 2, 4, 6, 7, NaN]);
  });

  it('takes the largest error of the covering windows', () => {
    expect(Array.from(pointErrors(perPoint, starts, 3, 6, 'max'))).toEqual([1, 2, 5, 6, 7, NaN]);
  });
});

describe('flaggedSpans', () => {
  it('groups consecutive points above the threshold, including a span that runs to the end', () => {
    expect(flaggedSpans([0, 5, 6, 0, NaN, 9, 9], 1)).toEqual([{ start: 1, end: 2 }, { start: 5, end: 6 }]);
  });

  it('flags nothing at or below the threshold', () => {
    expect(flaggedSpans([1, 1, 0.5], 1)).toEqual([]);
  });
});
