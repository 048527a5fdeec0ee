// One memory budget for what a run loads and builds, and the one message that refuses more than it. Every loader
// estimates its decoded size from headers (image dimensions, IDX dims, NPY shape, CSV rows x columns) and asks here
// before it allocates, so a file that would not fit is named with an estimate instead of crashing the trainer.
import { InputError, type InputErrorLocation } from '../../protocol/errors';

/** Float32 samples (or a model's estimated training memory) above this are refused before anything is allocated. */
export const MEMORY_BUDGET_BYTES = 4 * 2 ** 30;

/** What to change when an image folder is too large. */
export const IMAGES_HINT = 'set data.stream to true to read training batches from disk, data.limit to use fewer images, or data.imageSize (e.g. 64) to make them smaller';

/** What to change when one data file (IDX, CSV, NPY) is too large: these formats are read whole. */
export const FILE_HINT = 'save a smaller part of the data (fewer samples) to a new file, or export the images to a folder and set data.stream to true';

export interface TooLargeCheck {
  /** What is being loaded, e.g. "loading 24 images of 28x28x1 (width x height x channels) as float32". */
  what: string;
  bytes: number;
  where: InputErrorLocation;
  hint?: string;
  maxBytes?: number;
}

export function refuseIfTooLarge({ what, bytes, where, hint = IMAGES_HINT, maxBytes = MEMORY_BUDGET_BYTES }: TooLargeCheck): void {
  if (bytes <= maxBytes) return;
  throw new InputError(`${what} needs about ${formatBytes(bytes)} of memory, more than the ${formatBytes(maxBytes)} limit; ${hint}`, where);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} kB`;
}
