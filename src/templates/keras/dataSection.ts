// The Keras script's data pipeline: a loader for the run's source (builtin MNIST and image folders through Keras; IDX,
// CSV and NPY shared with the PyTorch export, python/numpyData.ts), then the shared PREPARE (normalise, shuffle, split).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DATA_FORMATS, formatOfPath, type PythonLoader } from '../../protocol/dataFormats';
import type { Experiment } from '../../protocol/experiment';
import { detectFormat } from '../../trainer/data/detectFormat';
import { NUMPY_LOADERS, PREPARE, refusedFormat, type Loader } from '../python/numpyData';

/** The Python loader the script uses: one per data format (protocol/dataFormats.ts), plus builtin MNIST. */
export type SourceFormat = PythonLoader;

export interface DataSection {
  format: SourceFormat;
  /** Absolute data path, or undefined for builtin MNIST (no --data flag then). */
  dataPath?: string;
  imports: string[];
  constants: string[];
  code: string;
}

/** data.format, with "auto" decided like the trainer does (a folder by the files it holds, a file by its extension). */
export function sourceFormat(experiment: Experiment, experimentFile: string, sampleShape: number[]): SourceFormat {
  const { source, format } = experiment.data;
  if (source.startsWith('builtin:')) return 'builtin-mnist';
  if (format !== 'auto') return DATA_FORMATS[format].pythonLoader;
  const path = resolve(dirname(experimentFile), source);
  const detected = existsSync(path) ? detectFormat(path) : formatOfPath(path, false);
  if (detected) return DATA_FORMATS[detected].pythonLoader;
  return sampleShape.length === 3 ? 'images' : 'csv'; // the data has moved: guess from the shape the run saw
}

export function dataSection(experiment: Experiment, experimentFile: string, sampleShape: number[]): DataSection {
  const format = sourceFormat(experiment, experimentFile, sampleShape);
  const dataPath = format === 'builtin-mnist' ? undefined : resolve(dirname(experimentFile), experiment.data.source);
  const loader = LOADERS[format](experiment);
  return {
    format,
    dataPath,
    imports: loader.imports,
    constants: loader.constants,
    code: `${loader.code}\n\n\n${PREPARE}`,
  };
}

const LOADERS: Record<SourceFormat, (experiment: Experiment) => Loader> = {
  'builtin-mnist': () => ({
    imports: [],
    constants: ['MNIST_DIGITS = 10_000  # the run used the 10,000 MNIST digits bundled with Autoencoder Lab; None uses all 70,000'],
    code: `def load_raw():
    """MNIST digits from keras.datasets (downloaded to ~/.keras/datasets on first use), uint8 [N, 28, 28, 1]."""
    (x_train, _), (x_test, _) = keras.datasets.mnist.load_data()
    x = np.concatenate([x_train, x_test])[..., np.newaxis]
    return x if MNIST_DIGITS is None else x[:MNIST_DIGITS]`,
  }),
  idx: NUMPY_LOADERS.idx,
  images: () => ({
    imports: [],
    constants: [],
    code: `def load_raw(path):
    """Every image under \`path\` (sub-folders included), resized to INPUT_SHAPE, float32 in 0-255."""
    color_mode = "grayscale" if INPUT_SHAPE[2] == 1 else "rgb"
    if os.path.isfile(path):  # a single image
        image = keras.utils.load_img(path, color_mode=color_mode, target_size=INPUT_SHAPE[:2])
        return keras.utils.img_to_array(image)[np.newaxis]
    images = keras.utils.image_dataset_from_directory(
        path, labels=None, color_mode=color_mode, image_size=INPUT_SHAPE[:2], batch_size=256, shuffle=False
    )
    return np.concatenate([np.asarray(batch) for batch in images])`,
  }),
  csv: NUMPY_LOADERS.csv,
  npy: NUMPY_LOADERS.npy,
  // The shared normalize/split fit statistics on every sample and shuffle before splitting; a series needs them
  // fitted on its training part and a split by time, so the export refuses rather than train on other data.
  timeseries: () => refusedFormat('Keras', 'timeseries'),
  audio: () => refusedFormat('Keras', 'audio'),
};
