// What new data must look like to go through a run's model, from the dataset it trained on (data.json's "input").
import type { InputSpec } from '../../runs/dataFile';
import { isImageShape, type Dataset } from '../data/dataset';

/** Undefined for shapes that new data cannot be brought to (e.g. images with 2 or 4 channels). */
export function inputSpecOf(dataset: Dataset): InputSpec | undefined {
  const shape = dataset.sampleShape;
  if (isImageShape(shape)) {
    const [height, width, channels] = shape;
    return channels === 1 || channels === 3 ? { kind: 'images', height, width, channels, resize: 'bilinear' } : undefined;
  }
  if (shape.length !== 1) return undefined;
  const columns = dataset.columnNames ?? Array.from({ length: shape[0] }, (_, i) => String(i));
  return { kind: 'table', columns, labelColumn: dataset.labelColumnName ?? null };
}
