// Guesses data.format from a path, by the table in protocol/dataFormats.ts. Kept apart from the loaders so the
// extension host can use it without bundling the image decoders.
import { statSync } from 'node:fs';
import { formatOfPath, type DataFormat } from '../../protocol/dataFormats';

export type { DataFormat };

export function detectFormat(path: string): DataFormat | undefined {
  return formatOfPath(path, statSync(path).isDirectory());
}
