// The run's normalisation, applied to new data with the statistics fitted at training time, and inverted to write
// results back in the user's units. Image files decode to 0..255: a run whose data held intensities in [0, 1] (a
// float array) reads them divided by 255, every other run as the 8-bit values it saw.
import type { InputSpec } from '../../runs/dataFile';
import { denormalize } from '../analysis/displayValues';
import type { Normalization } from '../data/dataset';

/** How many 8-bit pixel steps one user unit is, for decoding and writing image files. */
export function pixelsPerUnit(spec: InputSpec, normalization: Normalization): number {
  if (spec.kind !== 'images') return 1;
  // Runs whose data.json predates pixelRange: only a float array is trained without any normalisation.
  const range = spec.pixelRange ?? (normalization.kind === 'none' ? '0-1' : '0-255');
  return range === '0-1' ? 255 : 1;
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

/** In place: the run's scale -> user units (the inverse of toRunScale). */
export function toUserUnits(values: Float32Array, normalization: Normalization, size: number): void {
  values.set(denormalize(values, size, normalization));
}

/** Run-scale image values as 0..255 pixels (clamped and rounded), for PNG files. */
export function toPixels(values: Float32Array, spec: InputSpec, normalization: Normalization, size: number): Uint8Array {
  const user = denormalize(values, size, normalization);
  const perUnit = pixelsPerUnit(spec, normalization);
  return Uint8Array.from(user, (v) => Math.min(255, Math.max(0, Math.round(v * perUnit))));
}
