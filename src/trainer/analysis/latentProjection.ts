// Projects latent codes to 2-D for the scatter view. A 2-D code is shown as is; larger codes use PCA every epoch
// (ml-pca: fast and stable between epochs) and UMAP (umap-js) once at the end, where its cost is paid once.
import { PCA } from 'ml-pca';
import { UMAP } from 'umap-js';
import seedrandom from 'seedrandom';

export type ProjectionMethod = 'identity' | 'pca' | 'umap';

/** UMAP's neighbour search grows faster than linearly; beyond this the final view stays PCA. */
export const UMAP_MAX_POINTS = 5000;
/** Fewer codes than this have no neighbours for UMAP nor spread for PCA: the scatter shows their first two values. */
export const MIN_PROJECTED_POINTS = 3;
/** Up to this code size the full SVD takes milliseconds. */
const FULL_SVD_MAX_DIM = 64;

export function projectCodes(codes: Float32Array, count: number, latentDim: number, method: ProjectionMethod, seed = 42): Float32Array {
  if (latentDim <= 2 || method === 'identity') return toTwoColumns(codes, count, latentDim);
  const rows = Array.from({ length: count }, (_, i) => Array.from(codes.subarray(i * latentDim, (i + 1) * latentDim)));
  if (method === 'umap') {
    const umap = new UMAP({ nComponents: 2, nNeighbors: Math.min(15, count - 1), minDist: 0.1, random: seedrandom(String(seed)) });
    return Float32Array.from(umap.fit(rows).flat());
  }
  // A full SVD costs O(d^3): 25 s for a conv code of 7x7x32 = 1,568 values. NIPALS finds just the two components.
  const pca = new PCA(rows, { center: true, scale: false, ...(latentDim > FULL_SVD_MAX_DIM ? { method: 'NIPALS', nCompNIPALS: 2 } : {}) });
  const projected = pca.predict(rows, { nComponents: 2 }).to2DArray();
  return Float32Array.from(projected.flat());
}

/** The first two values of each code (a 1-D code gets 0 as its second). */
function toTwoColumns(codes: Float32Array, count: number, latentDim: number): Float32Array {
  if (latentDim === 2) return codes.slice(0, count * 2);
  const out = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    out[i * 2] = codes[i * latentDim];
    if (latentDim > 2) out[i * 2 + 1] = codes[i * latentDim + 1];
  }
  return out;
}
