// Train on Folder: which data paths it accepts and which kind it proposes first (conv for images, deep for tables).
// Both facts come from the tables in src/protocol/ (dataFormats.ts, kinds.ts).
import { trainOnFolderShape, type DataShape } from '../../protocol/dataFormats';
import type { ModelKind } from '../../protocol/experiment';
import { needsImages as kindNeedsImages, type NetworkChoice } from '../../protocol/kinds';

export type { DataShape };

export interface KindDefaults {
  image: ModelKind;
  table: ModelKind;
}

/** Images for a folder (of PNG/JPEG) or an IDX file, a table for CSV/NPY; undefined for anything else. */
export function dataShapeOf(path: string, isDirectory: boolean): DataShape | undefined {
  return trainOnFolderShape(path, isDirectory);
}

export function defaultKind(shape: DataShape, defaults: KindDefaults): ModelKind {
  return shape === 'images' ? defaults.image : defaults.table;
}

/** A model with conv layers needs image-shaped input, so it cannot train on a table. */
export function needsImages(experiment: { kind: ModelKind; model?: NetworkChoice }): boolean {
  return kindNeedsImages(experiment.kind, experiment.model);
}
