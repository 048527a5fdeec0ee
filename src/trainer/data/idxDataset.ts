// Turns IDX image (+ optional label) files into a Dataset of [H, W, C] samples scaled to [0, 1].
import { InputError } from '../../protocol/errors';
import { emptyDropped, type Dataset } from './dataset';
import { readIdxFile } from './idx';
import { classIdLabels } from './labels';

export function loadIdxDataset(imagesFile: string, labelsFile?: string): Dataset {
  const images = readIdxFile(imagesFile);
  const [count, height = 1, width = 1, channels = 1] = images.dims;
  if (images.dims.length < 2 || images.dims.length > 4) {
    throw new InputError(`expected images of shape [N, H, W] or [N, H, W, C], got [${images.dims.join(', ')}]`, { file: imagesFile });
  }
  const integerPixels = images.data instanceof Uint8Array;
  const divisor = integerPixels ? 255 : 1;
  const x = new Float32Array(images.data.length);
  for (let i = 0; i < x.length; i++) x[i] = images.data[i] / divisor;

  const dataset: Dataset = {
    x,
    count,
    sampleShape: images.dims.length === 2 ? [height] : [height, width, channels],
    normalization: integerPixels ? { kind: 'scale', divisor: 255 } : { kind: 'none' },
    dropped: emptyDropped(),
    notes: [],
  };
  if (labelsFile) {
    const labels = readIdxFile(labelsFile);
    if (labels.dims.length !== 1) throw new InputError(`labels must be one-dimensional [N], got dimensions [${labels.dims.join(', ')}]`, { file: labelsFile });
    if (labels.dims[0] !== count) {
      throw new InputError(`has ${labels.dims[0]} labels but ${imagesFile} has ${count} images; they must be the same length`, { file: labelsFile });
    }
    Object.assign(dataset, classIdLabels(labels.data, { file: labelsFile }));
  }
  dataset.sourceNames = undefined;
  return dataset;
}
