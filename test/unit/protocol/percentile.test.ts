// The one percentile rule (src/protocol/percentile.ts) the run's threshold, `aelab score --percentile` and the
// dashboard's percentile default all use.
import { describe, expect, it } from 'vitest';
import { percentile } from '../../../src/protocol/percentile';

describe('percentile', () => {
  it('interpolates between closest ranks like numpy, whatever the order of the values', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBeCloseTo(2.5);
    expect(percentile([4, 1, 3, 2], 25)).toBeCloseTo(1.75);
    expect(percentile([10, 0, 5], 100)).toBe(10);
    expect(percentile([10, 0, 5], 0)).toBe(0);
    expect(percentile([0, 10], 99)).toBeCloseTo(9.9);
    expect(percentile(Float32Array.from([7]), 99)).toBe(7);
  });

  it('sorts numerically, not as strings', () => {
    expect(percentile([9, 10, 100], 50)).toBe(10);
  });

  it('ignores NaN and infinite errors, and is NaN when no finite value is left', () => {
    expect(percentile([NaN, 4, Infinity, 2, -Infinity], 50)).toBe(3);
    expect(percentile(Float32Array.from([NaN, 1, NaN, 3]), 100)).toBe(3);
    expect(percentile([NaN, Infinity], 50)).toBeNaN();
    expect(percentile([], 50)).toBeNaN();
  });

  it('clamps the percentile to 0..100', () => {
    expect(percentile([1, 2, 3], 150)).toBe(3);
    expect(percentile([1, 2, 3], -5)).toBe(1);
  });
});
