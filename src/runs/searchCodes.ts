// search/: the latent codes of a run's training samples, written when the run ends, so new data can be matched to its
// nearest training samples (aelab neighbors, the Try it view). codes.bin is count x dim float32 rows (little-endian);
// index.json says which training sample each row is.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../protocol/errors';
import { writeFileAtomic } from './atomicWrite';
import { runPath, SEARCH_FILES } from './layout';
import { readRunJson } from './readJsonFile';

const searchIndexSchema = z
  .object({
    count: z.number().int().nonnegative(),
    dim: z.number().int().positive(),
    sources: z.array(z.string()),
    labels: z.array(z.string().nullable()),
  })
  .refine((index) => index.sources.length === index.count && index.labels.length === index.count, 'sources and labels must each have "count" entries');

export interface SearchCodes {
  count: number;
  dim: number;
  /** count x dim, row-major. */
  codes: Float32Array;
  sources: string[];
  labels: (string | null)[];
}

export function writeSearchCodes(runDir: string, search: SearchCodes): void {
  mkdirSync(runPath(runDir, 'search'), { recursive: true });
  // The codes first: an index.json is only ever next to the codes it describes.
  writeFileAtomic(runPath(runDir, 'search', SEARCH_FILES.codes), new Uint8Array(search.codes.buffer, search.codes.byteOffset, search.codes.byteLength));
  const { count, dim, sources, labels } = search;
  writeFileAtomic(runPath(runDir, 'search', SEARCH_FILES.index), JSON.stringify({ count, dim, sources, labels }));
}

export function removeSearchCodes(runDir: string): void {
  rmSync(runPath(runDir, 'search'), { recursive: true, force: true });
}

/** The saved codes, validated; an InputError naming the file when they are missing or do not match their index. */
export function readSearchCodes(runDir: string): SearchCodes {
  const indexFile = runPath(runDir, 'search', SEARCH_FILES.index);
  const codesFile = runPath(runDir, 'search', SEARCH_FILES.codes);
  if (!existsSync(indexFile)) throw new InputError('is missing: the run has no saved training codes to search (runs save them when they end; train it again with this version)', { file: indexFile });
  const index = readRunJson(indexFile, searchIndexSchema);
  let bytes: Buffer;
  try {
    bytes = readFileSync(codesFile);
  } catch (error) {
    throw new InputError(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file: codesFile });
  }
  const expected = index.count * index.dim * 4;
  if (bytes.length !== expected) throw new InputError(`holds ${bytes.length} bytes, but ${SEARCH_FILES.index} declares ${index.count} codes of ${index.dim} float32 values (${expected} bytes)`, { file: codesFile });
  const codes = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return { ...index, codes };
}
