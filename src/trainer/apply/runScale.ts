// The run's normalisation, applied to new data with the statistics fitted at training time, and inverted to write
// results back in the user's units. Image files decode to 0..255; a run trained on raw floats (normalisation "none",
// e.g. an NPY of values in [0, 1]) reads them as intensities in [0, 1], every other run as the 8-bit values it saw.
import type { Normalization } from '../data/dataset';

/** How many 8-bit pixel steps one user unit is, for decoding and writing image files. */
export function pixelsPerUnit(normalization: Normalization): number {
  return normalization.kind === 'none' ? 255 : 1;
}

/** In place: user units -> the run's scale. `size` is the values per sample (statistics are per value of a sample). */
export function toRunScale(values: Float32Array, normalization: Normalization, size: number): void {
  const n = normalization;
  if (n.kind === 'none') return;
  for (let i = 0; i < values.length; i++) {
    const f = i % size;
    if (n.kind === 'scale') values[i] /= n.divisor;
    else if (n.kind === 'zscore') values[i] = (values[i] - n.mean[f]) / n.std[f];
    else {
      const range = n.max[f] - n.min[f];
      values[i] = range > 0 ? (values[i] - n.min[f]) / range : 0;
    }
  }
}

/** In place: the run's scale -> user units (the inverse of toRunScale; a constant min-max column comes back as its value). */
export function toUserUnits(values: Float32Array, normalization: Normalization, size: number): void {
  const n = normalization;
  if (n.kind === 'none') return;
  for (let i = 0; i < values.length; i++) {
    const f = i % size;
    if (n.kind === 'scale') values[i] *= n.divisor;
    else if (n.kind === 'zscore') values[i] = values[i] * n.std[f] + n.mean[f];
    else values[i] = values[i] * (n.max[f] - n.min[f]) + n.min[f];
  }
}

/** Run-scale image values as 0..255 pixels (clamped and rounded), for PNG files. */
export function toPixels(values: Float32Array, normalization: Normalization, size: number): Uint8Array {
  const user = Float32Array.from(values);
  toUserUnits(user, normalization, size);
  const perUnit = pixelsPerUnit(normalization);
  return Uint8Array.from(user, (v) => Math.min(255, Math.max(0, Math.round(v * perUnit))));
}
