// Latent codes to decode: straight-line paths between two samples' codes, and one-dimension traversals.
export const FRAMES = 10;

function codeOf(codes: Float32Array, dim: number, index: number): Float32Array {
  return codes.subarray(index * dim, (index + 1) * dim);
}

/** `frames` codes from sample a to sample b, both ends included. */
export function interpolationCodes(codes: Float32Array, dim: number, a: number, b: number, frames = FRAMES): Float32Array {
  const [from, to] = [codeOf(codes, dim, a), codeOf(codes, dim, b)];
  const out = new Float32Array(frames * dim);
  for (let f = 0; f < frames; f++) {
    const t = frames === 1 ? 0 : f / (frames - 1);
    for (let d = 0; d < dim; d++) out[f * dim + d] = from[d] + (to[d] - from[d]) * t;
  }
  return out;
}

/** Sample's code repeated `frames` times with `dimension` swept evenly over [min, max]. */
export function traversalCodes(codes: Float32Array, dim: number, index: number, dimension: number, min: number, max: number, frames = FRAMES): Float32Array {
  const base = codeOf(codes, dim, index);
  const out = new Float32Array(frames * dim);
  for (let f = 0; f < frames; f++) {
    out.set(base, f * dim);
    out[f * dim + dimension] = min + ((max - min) * f) / Math.max(1, frames - 1);
  }
  return out;
}
