// k nearest codes by euclidean distance, or by Hamming distance between sign codes (semantic hashing: one bit per
// latent dimension, set when the value is positive).

export interface Match {
  index: number;
  distance: number;
}

export function nearestCodes(codes: Float32Array, dim: number, query: ArrayLike<number>, k: number, binary: boolean): Match[] {
  const count = codes.length / dim;
  const best: Match[] = [];
  for (let n = 0; n < count; n++) {
    let distance = 0;
    for (let d = 0; d < dim; d++) {
      const a = codes[n * dim + d];
      const b = query[d];
      if (binary) distance += a > 0 !== b > 0 ? 1 : 0;
      else distance += (a - b) * (a - b);
    }
    if (best.length === k && distance >= best[k - 1].distance) continue;
    // Insertion into the sorted list of the k best so far; ties keep the lower index first.
    let at = best.length;
    while (at > 0 && best[at - 1].distance > distance) at--;
    best.splice(at, 0, { index: n, distance });
    if (best.length > k) best.pop();
  }
  return binary ? best : best.map((m) => ({ index: m.index, distance: Math.sqrt(m.distance) }));
}
