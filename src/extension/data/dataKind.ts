// Train on Folder: which data paths it accepts and which kind it proposes first (conv for images, deep for tables).
import type { ModelKind } from '../../protocol/experiment';

export type DataShape = 'images' | 'table';

export interface KindDefaults {
  image: ModelKind;
  table: ModelKind;
}

const IMAGE_FILE = /(\.idx\d?|-ubyte|\.idx\d?-ubyte)(\.gz)?$/i;
const TABLE_FILE = /\.(csv|tsv)(\.gz)?$|\.npy$/i;

/** Images for a folder (of PNG/JPEG) or an IDX file, a table for CSV/NPY; undefined for anything else. */
export function dataShapeOf(path: string, isDirectory: boolean): DataShape | undefined {
  if (isDirectory || IMAGE_FILE.test(path)) return 'images';
  if (TABLE_FILE.test(path)) return 'table';
  return undefined;
}

export function defaultKind(shape: DataShape, defaults: KindDefaults): ModelKind {
  return shape === 'images' ? defaults.image : defaults.table;
}

/** A model with conv layers needs image-shaped input, so it cannot train on a table. */
export function needsImages(model: unknown): boolean {
  return /"(conv2d|conv2dTranspose)"|"filters"|"architecture":"conv"/.test(JSON.stringify(model ?? {}));
}
