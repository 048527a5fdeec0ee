// An IDX or NPY array as apply input: (N, D) rows for a table run; (N, H, W) or (N, H, W, C) images for an image run,
// converted between gray and RGB and resized like image files. 8-bit arrays are pixels, like decoded image files.
import { basename } from 'node:path';
import type { DataFormat } from '../../protocol/dataFormats';
import { InputError } from '../../protocol/errors';
import { fitImage } from '../data/fitImage';
import { readIdxFile } from '../data/idx';
import { formatShape, readNpyFile } from '../data/npy';
import { describeSpec, sampleSizeOf, type ApplyInput, type InputBatch, type RunInput } from './inputTypes';
import { pixelsPerUnit, toRunScale } from './runScale';

export function openArrayInput(path: string, run: RunInput, format: DataFormat): ApplyInput {
  const array = format === 'idx' ? readIdxFile(path) : readNpyFile(path);
  const shape = 'dims' in array ? array.dims : array.shape;
  const data = array.data;
  const [count, ...dims] = shape;
  const { spec } = run;
  const found = `an array of shape ${formatShape(shape)}`;
  const size = sampleSizeOf(spec);
  let toSample: (index: number, out: Float32Array) => void;
  if (spec.kind === 'series') throw new InputError(`holds ${found}, but the run was trained on ${describeSpec(spec)}; give it a CSV series`, { file: path });
  if (spec.kind === 'table') {
    if (dims.length !== 1) throw new InputError(`holds ${found}, but the run was trained on ${describeSpec(spec)}: give an array of shape (N, ${spec.columns.length})`, { file: path });
    if (dims[0] !== spec.columns.length) throw new InputError(`holds rows of ${dims[0]} values, but the run expects ${describeSpec(spec)}`, { file: path });
    toSample = (index, out) => out.set(data.subarray(index * size, (index + 1) * size));
  } else {
    if (dims.length !== 2 && dims.length !== 3) throw new InputError(`holds ${found}, but the run expects ${describeSpec(spec)}: give (N, H, W) or (N, H, W, C)`, { file: path });
    const [height, width, channels = 1] = dims;
    if (channels !== 1 && channels !== 3) throw new InputError(`holds images with ${channels} channels (${found}), but the run expects ${describeSpec(spec)}; only 1 (gray) or 3 (RGB) channels can be converted`, { file: path });
    const values = height * width * channels;
    // Float arrays go through the same conversion and resize as decoded bytes (they only index the values).
    toSample = (index, out) => fitImage({ pixels: data.subarray(index * values, (index + 1) * values) as Uint8Array, height, width, channels, hasAlpha: false }, spec, out);
  }
  if (count === 0 || dims.some((d) => d === 0)) throw new InputError(`holds ${found}, which has no samples`, { file: path });
  const perUnit = data instanceof Uint8Array && spec.kind === 'images' ? pixelsPerUnit(spec, run.normalization) : 1;
  const name = basename(path);

  function* batches(batchSize: number): Generator<InputBatch> {
    for (let start = 0; start < count; start += batchSize) {
      const rows = Math.min(batchSize, count - start);
      const x = new Float32Array(rows * size);
      for (let i = 0; i < rows; i++) toSample(start + i, x.subarray(i * size, (i + 1) * size));
      if (perUnit !== 1) for (let j = 0; j < x.length; j++) x[j] /= perUnit;
      toRunScale(x, run.normalization, size);
      yield { x, count: rows, sources: Array.from({ length: rows }, (_, i) => `${name} #${start + i}`), labels: new Array<null>(rows).fill(null) };
    }
  }
  return { format, path, total: count, isFolder: false, batches };
}
