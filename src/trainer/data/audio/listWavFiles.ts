// The WAV files of an audio data source: one file, or every .wav under a folder (recursively, sorted, hidden names
// skipped). A folder without any is an InputError naming it.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DATA_FORMATS } from '../../../protocol/dataFormats';
import { InputError } from '../../../protocol/errors';
import { compareCodePoints } from '../compareCodePoints';

/** Paths relative to `root` ("/"-separated); for a single file, its base name. */
export function listWavFiles(root: string): string[] {
  if (!statSync(root).isDirectory()) return [basename(root)];
  const files: string[] = [];
  const visit = (dir: string, prefix: string, depth: number): void => {
    if (depth > 32) return; // a symbolic link loop
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      const path = join(dir, entry.name);
      const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && safeIsDirectory(path));
      if (isDirectory) visit(path, rel, depth + 1);
      else if (DATA_FORMATS.audio.fileName.test(entry.name)) files.push(rel);
    }
  };
  visit(root, '', 0);
  if (files.length === 0) throw new InputError('folder holds no .wav files; expected WAV recordings (PCM or float, any rate, mono or stereo)', { file: root });
  return files.sort(compareCodePoints);
}

function safeIsDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
