// Train on Folder: which data paths it accepts and which kind it proposes first (conv for images, deep for tables).
// Both facts come from the tables in src/protocol/ (dataFormats.ts, kinds.ts).
import { trainOnFolderShape, type DataShape } from '../../protocol/dataFormats';
import type { ModelKind } from '../../protocol/experiment';
import { DEFAULT_KIND_FOR, needsImages as kindNeedsImages, type NetworkChoice } from '../../protocol/kinds';
import { folderFileNames } from '../../trainer/data/detectFormat';

export type { DataShape };

export interface KindDefaults {
  image: ModelKind;
  table: ModelKind;
}

/** Images for a folder (of PNG/JPEG) or an IDX file, a table for CSV/NPY, audio for WAV files or a folder of them; undefined for anything else. */
export function dataShapeOf(path: string, isDirectory: boolean): DataShape | undefined {
  return trainOnFolderShape(path, isDirectory, isDirectory ? namesIn(path) : undefined);
}

/** A folder that cannot be listed here is taken for images, as before audio folders existed; the loader names any error. */
function namesIn(dir: string): string[] | undefined {
  try {
    return folderFileNames(dir);
  } catch {
    return undefined;
  }
}

export function defaultKind(shape: DataShape, defaults: KindDefaults): ModelKind {
  if (shape === 'audio') return DEFAULT_KIND_FOR.audio; // the audio denoiser; the settings name an image and a table kind only
  return shape === 'images' ? defaults.image : defaults.table;
}

/** A model with conv layers needs image-shaped input, so it cannot train on a table. */
export function needsImages(experiment: { kind: ModelKind; model?: NetworkChoice }): boolean {
  return kindNeedsImages(experiment.kind, experiment.model);
}
