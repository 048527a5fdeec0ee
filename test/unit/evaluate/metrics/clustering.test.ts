import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, normalizedMutualInfo } from '../../../../src/trainer/evaluate/metrics/clustering';

/** Rand index adjusted for chance by counting every pair directly (no contingency table): the independent check. */
function pairCountingAri(a: number[], b: number[]): number {
  const n = a.length;
  let both = 0;
  let sameA = 0;
  let sameB = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const inA = a[i] === a[j];
      const inB = b[i] === b[j];
      if (inA) sameA++;
      if (inB) sameB++;
      if (inA && inB) both++;
    }
  }
  const total = (n * (n - 1)) / 2;
  const expected = (sameA * sameB) / total;
  return (both - expected) / ((sameA + sameB) / 2 - expected);
}

describe('adjustedRandIndex', () => {
  it('matches the values scikit-learn documents', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 1])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(0.5714285714285714, 12);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
  });

  it('equals a brute-force pair count on random partitions', () => {
    const random = seedrandom('ari');
    for (let trial = 0; trial < 5; trial++) {
      const a = Array.from({ length: 60 }, () => Math.floor(random() * 4));
      const b = Array.from({ length: 60 }, () => Math.floor(random() * 5));
      expect(adjustedRandIndex(a, b)).toBeCloseTo(pairCountingAri(a, b), 12);
    }
  });

  it('rejects partitions of different lengths', () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(/same length/);
  });
});

describe('normalizedMutualInfo', () => {
  it('is 1 for the same partition under renamed clusters', () => {
    expect(normalizedMutualInfo([0, 0, 1, 1], [1, 1, 0, 0])).toBeCloseTo(1, 12);
  });

  it('is 2 ln2 / (ln2 + ln4) when each sample is its own cluster', () => {
    expect(normalizedMutualInfo([0, 0, 1, 1], [0, 1, 2, 3])).toBeCloseTo((2 * Math.LN2) / (Math.LN2 + Math.log(4)), 12);
    expect(normalizedMutualInfo([0, 0, 1, 1], [0, 1, 2, 3])).toBeCloseTo(0.6667, 4);
  });

  it('is 0 for independent partitions and for a single cluster', () => {
    expect(normalizedMutualInfo([0, 0, 1, 1], [0, 1, 0, 1])).toBe(0);
    expect(normalizedMutualInfo([0, 1, 2, 3], [5, 5, 5, 5])).toBe(0);
  });

  it('equals the entropies computed from the joint distribution directly', () => {
    const random = seedrandom('nmi');
    const a = Array.from({ length: 200 }, () => Math.floor(random() * 3));
    const b = a.map((v) => (random() < 0.7 ? v : Math.floor(random() * 4)));
    const h = (keys: string[]): number => {
      const counts = new Map<string, number>();
      for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
      return [...counts.values()].reduce((s, c) => s - (c / keys.length) * Math.log(c / keys.length), 0);
    };
    const ha = h(a.map(String));
    const hb = h(b.map(String));
    const mutual = ha + hb - h(a.map((v, i) => `${v},${b[i]}`));
    expect(normalizedMutualInfo(a, b)).toBeCloseTo(mutual / ((ha + hb) / 2), 12);
  });
});
