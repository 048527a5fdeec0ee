// The k codes nearest to one code, euclidean in the full latent space (not the 2-D projection): one pass over the
// codes keeping a sorted list of the best k, so 10,000 codes take a few milliseconds.
export interface NearCode {
  index: number;
  distance: number;
}

export function nearestCodes(codes: Float32Array, latentDim: number, count: number, query: number, k: number): NearCode[] {
  const best: NearCode[] = [];
  const base = query * latentDim;
  for (let i = 0; i < count; i++) {
    if (i === query) continue;
    let sum = 0;
    const offset = i * latentDim;
    for (let d = 0; d < latentDim; d++) {
      const diff = codes[offset + d] - codes[base + d];
      sum += diff * diff;
    }
    if (best.length === k && sum >= best[k - 1].distance) continue;
    let at = best.length < k ? best.length : k - 1;
    while (at > 0 && best[at - 1].distance > sum) at--;
    best.splice(at, 0, { index: i, distance: sum });
    if (best.length > k) best.pop();
  }
  return best.map(({ index, distance }) => ({ index, distance: Math.sqrt(distance) }));
}
