// Guesses data.format from a path, by the table in protocol/dataFormats.ts. Kept apart from the loaders so the
// extension host can use it without bundling the image decoders.
import { readdirSync, statSync } from 'node:fs';
import { formatOfPath, type DataFormat } from '../../protocol/dataFormats';

export type { DataFormat };

export function detectFormat(path: string): DataFormat | undefined {
  const isDirectory = statSync(path).isDirectory();
  return formatOfPath(path, isDirectory, isDirectory ? folderFileNames(path) : undefined);
}

/** The names directly in a folder and one level down (labelled image folders hold sub-folders), enough to tell images from WAV files. */
export function folderFileNames(dir: string): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) {
      try {
        names.push(...readdirSync(`${dir}/${entry.name}`).filter((name) => !name.startsWith('.')));
      } catch {
        // an unreadable sub-folder says nothing about the format; the loader names it if it matters
      }
    } else names.push(entry.name);
  }
  return names;
}
