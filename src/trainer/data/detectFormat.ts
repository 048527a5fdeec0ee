// Guesses data.format from a path. Kept apart from the loaders so the extension host can use it without
// bundling the image decoders.
import { statSync } from 'node:fs';
import type { DataConfig } from '../../protocol/experiment';

export type DataFormat = Exclude<DataConfig['format'], 'auto'>;

export function detectFormat(path: string): DataFormat | undefined {
  if (statSync(path).isDirectory()) return 'images';
  const lower = path.toLowerCase();
  if (/(\.idx\d?|-ubyte|\.idx\d?-ubyte)(\.gz)?$/.test(lower)) return 'idx';
  if (/\.(csv|tsv)(\.gz)?$/.test(lower)) return 'csv';
  if (lower.endsWith('.npy')) return 'npy';
  if (/\.(png|jpe?g)$/.test(lower)) return 'images';
  return undefined;
}
