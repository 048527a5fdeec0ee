// The PyTorch script's data pipeline: IDX, CSV and NPY through the numpy loaders shared with the Keras export
// (python/numpyData.ts); builtin MNIST as the bundled 10,000 digits copied beside the script (read with the IDX
// loader, so nothing downloads); image folders with Pillow, decoded, converted and resized as the trainer does.
import { dirname, join, resolve } from 'node:path';
import type { Experiment } from '../../protocol/experiment';
import { builtinDataDir } from '../../trainer/data/builtin';
import { sourceFormat, type SourceFormat } from '../keras/dataSection';
import { pythonLiteral } from '../python/pythonLiteral';
import { NUMPY_LOADERS, PREPARE, refusedFormat, type Loader } from '../python/numpyData';

export interface TorchDataSection {
  /** Python expression of the default --data path. */
  defaultPath: string;
  /** Files the export copies beside the script: [from, base name]. */
  copies: { from: string; name: string }[];
  imports: string[];
  constants: string[];
  code: string;
}

/** The bundled digits a builtin:mnist run trained on (trainer/data/builtin.ts). */
const MNIST_FILE = 'mnist-10k-images.idx3-ubyte.gz';

export function torchDataSection(experiment: Experiment, experimentFile: string, sampleShape: number[]): TorchDataSection {
  const format: SourceFormat = sourceFormat(experiment, experimentFile, sampleShape);
  const loader = LOADERS[format](experiment);
  const code = `${loader.code}\n\n\n${PREPARE}`;
  const imports = [...loader.imports, 'warnings'];
  if (format === 'builtin-mnist') {
    return {
      defaultPath: `os.path.join(HERE, ${pythonLiteral(MNIST_FILE)})`,
      copies: [{ from: join(builtinDataDir(), MNIST_FILE), name: MNIST_FILE }],
      imports,
      constants: ['HERE = os.path.dirname(os.path.abspath(__file__))  # this script\'s folder', ...loader.constants],
      code,
    };
  }
  const dataPath = resolve(dirname(experimentFile), experiment.data.source);
  return { defaultPath: `DATA_PATH`, copies: [], imports, constants: [`DATA_PATH = ${pythonLiteral(dataPath)}  # data.source, resolved`, ...loader.constants], code };
}

const LOADERS: Record<SourceFormat, (experiment: Experiment) => Loader> = {
  'builtin-mnist': NUMPY_LOADERS.idx,
  idx: NUMPY_LOADERS.idx,
  csv: NUMPY_LOADERS.csv,
  npy: NUMPY_LOADERS.npy,
  images: (experiment) => ({
    imports: [],
    constants: [`IMAGE_LIMIT = ${pythonLiteral(experiment.data.limit ?? null)}  # data.limit: a folder reads this many files, evenly spaced`],
    code: IMAGES,
  }),
  timeseries: () => refusedFormat('PyTorch', 'timeseries'),
  audio: () => refusedFormat('PyTorch', 'audio'),
};

// As trainer/data/imageFolder.ts: files sorted by code point, data.limit evenly spaced over them, gray <-> RGB in
// float (BT.601 luma), alpha dropped, bilinear resize with half-pixel centres; raw 0-255 values (PREPARE normalises).
const IMAGES = `IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")
LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)


def image_files(path):
    """Image files under \`path\` (sub-folders included), sorted like the run; a file is itself."""
    if os.path.isfile(path):
        return [path]
    found = []
    for folder, _, names in os.walk(path):
        for name in names:
            if name.lower().endswith(IMAGE_EXTENSIONS) and not name.startswith("."):
                found.append(os.path.relpath(os.path.join(folder, name), path).replace(os.sep, "/"))
    found.sort()  # code-point order, as the run sorts
    if IMAGE_LIMIT is not None and IMAGE_LIMIT < len(found):
        found = [found[i * len(found) // IMAGE_LIMIT] for i in range(IMAGE_LIMIT)]
    return [os.path.join(path, name) for name in found]


def resize_bilinear(pixels, height, width):
    """Half-pixel-centre bilinear resize of [h, w, c], as the run's resizeBilinear."""

    def positions(size_in, size_out):
        pos = np.clip((np.arange(size_out) + 0.5) * (size_in / size_out) - 0.5, 0, size_in - 1)
        low = np.floor(pos).astype(np.int64)
        return low, np.minimum(low + 1, size_in - 1), (pos - low).astype(np.float32)

    y0, y1, wy = positions(pixels.shape[0], height)
    x0, x1, wx = positions(pixels.shape[1], width)
    wx = wx[None, :, None]
    top = pixels[y0][:, x0] * (1 - wx) + pixels[y0][:, x1] * wx
    bottom = pixels[y1][:, x0] * (1 - wx) + pixels[y1][:, x1] * wx
    return top * (1 - wy[:, None, None]) + bottom * wy[:, None, None]


def load_raw(path):
    """Every image under \`path\` as float32 [N, H, W, C] in 0-255, at INPUT_SHAPE."""
    try:
        from PIL import Image
    except ImportError:
        raise SystemExit(f"{path}: reading images needs Pillow; install it with: python3 -m pip install Pillow")
    height, width, channels = INPUT_SHAPE
    images = []
    for file in image_files(path):
        with Image.open(file) as image:
            gray = image.mode in ("1", "L", "LA", "I", "I;16", "F")
            pixels = np.asarray(image.convert("L" if gray else "RGB"), dtype=np.float32)
        pixels = pixels[..., np.newaxis] if gray else pixels
        if pixels.shape[2] != channels:
            pixels = (pixels @ LUMA)[..., np.newaxis] if channels == 1 else np.repeat(pixels, 3, axis=2)
        if pixels.shape[:2] != (height, width):
            pixels = resize_bilinear(pixels, height, width)
        images.append(pixels.astype(np.float32))
    if not images:
        raise SystemExit(f"{path}: no .png or .jpg images found")
    return np.stack(images)`;
