// Maps raw values to training values in place and returns the parameters, so runs can invert the mapping.
// Per-feature statistics use finite values only: a NaN cell must not turn a whole column into NaN
// (its sample is dropped later by validateSamples).
import type { Normalization } from './dataset';

export type NormalizationRequest = { kind: 'none' } | { kind: 'scale'; divisor: number } | { kind: 'minmax' } | { kind: 'zscore' };

export function normalizeFeatures(x: Float32Array, count: number, features: number, request: NormalizationRequest): Normalization {
  switch (request.kind) {
    case 'none':
      return { kind: 'none' };
    case 'scale':
      for (let i = 0; i < x.length; i++) x[i] /= request.divisor;
      return { kind: 'scale', divisor: request.divisor };
    case 'minmax':
      return minMax(x, count, features);
    case 'zscore':
      return zScore(x, count, features);
  }
}

function minMax(x: Float32Array, count: number, features: number): Normalization {
  const min = new Array<number>(features).fill(Infinity);
  const max = new Array<number>(features).fill(-Infinity);
  forEachFinite(x, count, features, (f, v) => {
    if (v < min[f]) min[f] = v;
    if (v > max[f]) max[f] = v;
  });
  for (let f = 0; f < features; f++) {
    if (min[f] === Infinity) min[f] = max[f] = 0; // no finite value at all
  }
  for (let n = 0; n < count; n++) {
    for (let f = 0; f < features; f++) {
      const i = n * features + f;
      const range = max[f] - min[f];
      // A constant column carries no information; 0 keeps it harmless instead of 0/0.
      x[i] = range > 0 ? (x[i] - min[f]) / range : Number.isFinite(x[i]) ? 0 : x[i];
    }
  }
  return { kind: 'minmax', min, max };
}

function zScore(x: Float32Array, count: number, features: number): Normalization {
  const sum = new Float64Array(features);
  const sumSq = new Float64Array(features);
  const seen = new Float64Array(features);
  forEachFinite(x, count, features, (f, v) => {
    sum[f] += v;
    seen[f] += 1;
  });
  const mean = Array.from(sum, (s, f) => (seen[f] > 0 ? s / seen[f] : 0));
  forEachFinite(x, count, features, (f, v) => {
    sumSq[f] += (v - mean[f]) ** 2;
  });
  // Population std; a constant column gets std 1 so it becomes 0 rather than 0/0.
  const std = Array.from(sumSq, (s, f) => (seen[f] > 0 && s > 0 ? Math.sqrt(s / seen[f]) : 1));
  for (let n = 0; n < count; n++) {
    for (let f = 0; f < features; f++) x[n * features + f] = (x[n * features + f] - mean[f]) / std[f];
  }
  return { kind: 'zscore', mean, std };
}

function forEachFinite(x: Float32Array, count: number, features: number, visit: (feature: number, value: number) => void): void {
  for (let n = 0; n < count; n++) {
    for (let f = 0; f < features; f++) {
      const v = x[n * features + f];
      if (Number.isFinite(v)) visit(f, v);
    }
  }
}

/** data.normalization, with "auto" replaced by what suits the source (images: /255, tables: min-max). */
export function resolveNormalization(setting: 'auto' | 'none' | 'minmax' | 'zscore', auto: NormalizationRequest): NormalizationRequest {
  return setting === 'auto' ? auto : { kind: setting };
}
