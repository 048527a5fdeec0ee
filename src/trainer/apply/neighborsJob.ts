// neighbors: for each query sample, the k nearest training samples in latent space (the codes the run saved).
import type { Applied, Neighbor } from '../../protocol/applyMessages';
import { InputError } from '../../protocol/errors';
import { runPath, SEARCH_FILES } from '../../runs/layout';
import { readSearchCodes, type SearchCodes } from '../../runs/searchCodes';
import { eachBatch, type JobControl } from './eachBatch';
import type { ApplyInput } from './inputTypes';
import type { LoadedRun } from './loadRun';
import { nearestCodes } from './nearest';

export async function neighborsJob(run: LoadedRun, input: ApplyInput, k: number, binary: boolean, control: JobControl): Promise<Applied> {
  const search = readSearchCodes(run.runDir);
  const dim = run.models.latentDim;
  if (search.dim !== dim) throw new InputError(`holds codes of ${search.dim} values, but the run's encoder gives ${dim}; the run folder mixes files of different runs`, { file: runPath(run.runDir, 'search', SEARCH_FILES.index) });
  const neighbors: NonNullable<Applied['neighbors']> = [];
  const count = await eachBatch(run, input, control, (batch, { codes }) => {
    batch.sources.forEach((query, i) => neighbors.push({ query, matches: matchesOf(search, codes.subarray(i * dim, (i + 1) * dim), k, binary) }));
  });
  return { type: 'applied', job: 'neighbors', count, out: null, neighbors };
}

export function matchesOf(search: SearchCodes, code: ArrayLike<number>, k: number, binary: boolean): Neighbor[] {
  return nearestCodes(search.codes, search.dim, code, k, binary).map(({ index, distance }) => ({ index, source: search.sources[index], label: search.labels[index], distance }));
}
