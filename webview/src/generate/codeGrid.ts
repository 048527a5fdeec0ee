// Pure helpers of the codebook editor: a grid of code indices to decoder input, and random grids from the used codes.
import type { DashboardData } from '../../../src/protocol/dashboardMessages';

type Codebook = NonNullable<DashboardData['codebook']>;

/** The decoder input of a grid: each cell's code vector, row-major (the decoder's own quantizer maps it to that code). */
export function gridVectors(codebook: Pick<Codebook, 'vectors' | 'dim'>, codes: readonly number[]): Float32Array {
  const { vectors, dim } = codebook;
  const out = new Float32Array(codes.length * dim);
  codes.forEach((code, cell) => out.set(vectors.subarray(code * dim, (code + 1) * dim), cell * dim));
  return out;
}

/** Codes that occur in the validation samples' grids. */
export function usedCodes(usage: readonly number[]): number[] {
  return usage.flatMap((count, code) => (count > 0 ? [code] : []));
}

/** A grid whose every cell is drawn uniformly from `used` (the fallback when no prior over codes is learned). */
export function uniformGrid(used: readonly number[], cells: number, random: () => number = Math.random): number[] {
  return Array.from({ length: cells }, () => used[Math.min(used.length - 1, Math.floor(random() * used.length))]);
}
