// The data formats: the one table that says which file names mean which format, what shape its samples take and
// which loaders read it. The experiment schema, the trainer's "auto" detection, Train on Folder (and its `when`
// clause in package.json, checked by test/unit/tables.test.ts) and the Keras export all read it. Free of Node and
// tfjs imports, so the host and the webview can use it.

export const DATA_FORMAT_NAMES = ['images', 'idx', 'csv', 'npy', 'timeseries', 'audio'] as const;
export type DataFormat = (typeof DATA_FORMAT_NAMES)[number];

/** What Train on Folder takes the data for: images propose an image kind (conv), tables a dense one (deep). */
export type DataShape = 'images' | 'table' | 'audio';

/** The Keras export's `load_raw` functions (src/templates/keras/dataSection.ts); builtin MNIST has its own. */
export type PythonLoader = DataFormat | 'builtin-mnist';

/** The image files the images format reads, lower case (names are compared case-insensitively). */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'] as const;

/** A case-insensitive regex for names ending in one of `extensions` (".png" -> /\.png$/i). */
function endsWithOneOf(extensions: readonly string[]): RegExp {
  return new RegExp(`\\.(${extensions.map((ext) => ext.slice(1)).join('|')})$`, 'i');
}

export interface DataFormatFacts {
  /** File names that mean this format when data.format is "auto" (tested case-insensitively). */
  fileName: RegExp;
  /** Whether data.source may be a folder (every file under it is read). */
  readsFolder: boolean;
  /** Whether Train on Folder offers a single file of this format (explorer menu, open dialog). */
  offeredAsFile: boolean;
  shape: DataShape;
  /** The per-sample shape the loader produces, for docs and error messages. */
  samples: string;
  pythonLoader: PythonLoader;
}

// Order matters only for overlapping names; there are none today. The trainer's loader for each format is the
// `Record<DataFormat, …>` in src/trainer/data/loadDataset.ts.
export const DATA_FORMATS: Record<DataFormat, DataFormatFacts> = {
  images: {
    fileName: endsWithOneOf(IMAGE_EXTENSIONS),
    readsFolder: true,
    offeredAsFile: false,
    shape: 'images',
    samples: '[height, width, channels]: PNG/JPEG, resized to data.imageSize or the first image',
    pythonLoader: 'images',
  },
  idx: {
    fileName: /(\.idx\d?|-ubyte)(\.gz)?$/i,
    readsFolder: false,
    offeredAsFile: true,
    shape: 'images',
    samples: '[N, H, W] becomes [H, W, 1] images, [N, H, W, C] stays, [N, D] is a table',
    pythonLoader: 'idx',
  },
  csv: {
    fileName: /\.(csv|tsv)(\.gz)?$/i,
    readsFolder: false,
    offeredAsFile: true,
    shape: 'table',
    samples: '[features]: one numeric row per sample, label column removed',
    pythonLoader: 'csv',
  },
  npy: {
    fileName: /\.npy$/i,
    readsFolder: false,
    offeredAsFile: true,
    shape: 'table',
    samples: '(N, D) is a table, (N, H, W) becomes [H, W, 1] images, (N, H, W, C) stays',
    pythonLoader: 'npy',
  },
  // The same files as csv, which comes first: "auto" keeps a .csv a table; only data.format "timeseries" cuts windows.
  timeseries: {
    fileName: /\.(csv|tsv)(\.gz)?$/i,
    readsFolder: false,
    offeredAsFile: false,
    shape: 'table',
    samples: '[window, channels]: windows of data.window points every data.stride points of the value columns',
    pythonLoader: 'timeseries',
  },
  audio: {
    fileName: /\.wav$/i,
    readsFolder: true,
    offeredAsFile: true,
    shape: 'audio',
    samples: '[frameSize / 2, data.patchFrames, 1]: log-magnitude STFT patches of WAV files (mono, resampled to data.sampleRate)',
    pythonLoader: 'audio',
  },
};

/** The format a file name means, or undefined. */
export function formatOfFileName(name: string): DataFormat | undefined {
  return DATA_FORMAT_NAMES.find((format) => DATA_FORMATS[format].fileName.test(name));
}

/** Whether a file name is an image the images format reads ("x.PNG" is). */
export function isImageFileName(name: string): boolean {
  return DATA_FORMATS.images.fileName.test(name);
}

/** The format of a path: a folder is read by the format that reads folders, a file by its name. */
export function formatOfPath(path: string, isDirectory: boolean, folderFiles?: readonly string[]): DataFormat | undefined {
  return isDirectory ? folderFormat(folderFiles) : formatOfFileName(path);
}

/**
 * The format of a folder: the images format unless its files (names, when the caller listed them) hold no image
 * and at least one file of another folder format (a folder of .wav files is audio).
 */
function folderFormat(files: readonly string[] | undefined): DataFormat {
  if (!files || files.some(isImageFileName)) return 'images';
  const others = DATA_FORMAT_NAMES.filter((format) => format !== 'images' && DATA_FORMATS[format].readsFolder);
  return others.find((format) => files.some((name) => DATA_FORMATS[format].fileName.test(name))) ?? 'images';
}

/** What Train on Folder accepts: folders and the files it offers; undefined for anything else. */
export function trainOnFolderShape(path: string, isDirectory: boolean, folderFiles?: readonly string[]): DataShape | undefined {
  const format = formatOfPath(path, isDirectory, folderFiles);
  if (!format || (!isDirectory && !DATA_FORMATS[format].offeredAsFile)) return undefined;
  return DATA_FORMATS[format].shape;
}

/** The `resourceFilename` regex of Train on Folder's explorer menu entry: the files it offers, one alternative each. */
export function trainOnFolderFileRegex(): string {
  return DATA_FORMAT_NAMES.filter((format) => DATA_FORMATS[format].offeredAsFile)
    .map((format) => DATA_FORMATS[format].fileName.source)
    .join('|');
}

/** A file name without the part that names its format ("iris.csv.gz" -> "iris"), to name experiments after it. */
export function dataStem(name: string): string {
  const format = formatOfFileName(name);
  return format ? name.replace(DATA_FORMATS[format].fileName, '') : name;
}
