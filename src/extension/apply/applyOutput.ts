// Where an apply job writes by default: next to the input, named after it and the job. Folders get a new folder
// (never an existing one); single files are confirmed in a save dialog by the command.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ApplyJob } from '../../protocol/applyMessages';
import { dataStem } from '../../protocol/dataFormats';
import type { InputShape } from './inputShape';

export interface OutputChoice {
  /** The default path; undefined for neighbors, which writes nothing. */
  path: string | undefined;
  /** A folder of PNGs or WAVs (reconstructing a folder), chosen without a save dialog. */
  isFolder: boolean;
  /** The save dialog's file filter. */
  filters: Record<string, string[]>;
}

/** `name-2`, `name-3`… when `path` exists, so a default never overwrites earlier results. */
export function unusedPath(path: string, exists: (p: string) => boolean = existsSync): string {
  if (!exists(path)) return path;
  const dot = basename(path).indexOf('.');
  const [stem, ext] = dot > 0 ? [path.slice(0, path.length - basename(path).length + dot), basename(path).slice(dot)] : [path, ''];
  for (let n = 2; ; n++) if (!exists(`${stem}-${n}${ext}`)) return `${stem}-${n}${ext}`;
}

export function defaultOutput(input: string, isDirectory: boolean, shape: InputShape, job: ApplyJob, denoising: boolean): OutputChoice {
  const dir = dirname(input);
  const stem = isDirectory ? basename(input) : dataStem(basename(input));
  const suffix = denoising ? 'denoised' : 'reconstructed';
  switch (job) {
    case 'reconstruct':
      if (isDirectory) return { path: unusedPath(join(dir, `${stem}-${suffix}`)), isFolder: true, filters: {} };
      if (shape.format === 'images') return { path: unusedPath(join(dir, `${stem}-${suffix}.png`)), isFolder: false, filters: { PNG: ['png'] } };
      if (shape.format === 'audio') return { path: unusedPath(join(dir, `${stem}-${suffix}.wav`)), isFolder: false, filters: { WAV: ['wav'] } };
      if (shape.format === 'csv') return { path: unusedPath(join(dir, `${stem}-${suffix}.csv`)), isFolder: false, filters: { CSV: ['csv'] } };
      return { path: unusedPath(join(dir, `${stem}-${suffix}.npy`)), isFolder: false, filters: { NPY: ['npy'] } };
    case 'score':
      return { path: unusedPath(join(dir, `${stem}.scores.csv`)), isFolder: false, filters: { CSV: ['csv'] } };
    case 'encode':
      return { path: unusedPath(join(dir, `${stem}.codes.csv`)), isFolder: false, filters: { CSV: ['csv'], NPY: ['npy'] } };
    case 'neighbors':
      return { path: undefined, isFolder: false, filters: {} };
  }
}
