// Turns IDX image (+ optional label) files into a Dataset of [H, W, C] samples; "auto" scales uint8 pixels to [0, 1].
import type { DataConfig } from '../../protocol/experiment';
import { InputError } from '../../protocol/errors';
import { emptyDropped, type Dataset } from './dataset';
import { readIdxFile } from './idx';
import { classIdLabels } from './labels';
import { normalizeFeatures, resolveNormalization, type NormalizationRequest } from './normalizeFeatures';

export function loadIdxDataset(imagesFile: string, labelsFile?: string, setting: DataConfig['normalization'] = 'auto'): Dataset {
  const images = readIdxFile(imagesFile);
  const [count, height = 1, width = 1, channels = 1] = images.dims;
  if (images.dims.length < 2 || images.dims.length > 4) {
    throw new InputError(`expected images of shape [N, H, W] or [N, H, W, C], got [${images.dims.join(', ')}]`, { file: imagesFile });
  }
  const x = Float32Array.from(images.data);
  const auto: NormalizationRequest = images.data instanceof Uint8Array ? { kind: 'scale', divisor: 255 } : { kind: 'none' };
  const sampleShape = images.dims.length === 2 ? [height] : [height, width, channels];
  const normalization = normalizeFeatures(x, count, sampleShape.reduce((a, b) => a * b, 1), resolveNormalization(setting, auto));

  const dataset: Dataset = {
    x,
    count,
    sampleShape,
    normalization,
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
