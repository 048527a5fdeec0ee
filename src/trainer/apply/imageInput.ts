// An image or a folder of images (PNG/JPEG, recursively), decoded batch by batch: only one batch of pixels is in
// memory. Each image is converted to the run's channels and resized to its size, as training did.
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../../protocol/errors';
import { decodeImage } from '../data/decodeImage';
import { fitImage } from '../data/fitImage';
import { listImageFiles } from '../data/listImageFiles';
import { readRegularFile } from '../data/regularFile';
import { describeSpec, sampleSizeOf, type ApplyInput, type InputBatch, type RunInput } from './inputTypes';
import { pixelsPerUnit, toRunScale } from './runScale';

export function openImageInput(path: string, run: RunInput): ApplyInput {
  const { spec } = run;
  if (spec.kind !== 'images') throw new InputError(`holds images, but the run was trained on ${describeSpec(spec)}; give it a CSV or NPY table`, { file: path });
  const isFolder = statSync(path).isDirectory();
  const root = isFolder ? path : dirname(path);
  const { files } = listImageFiles(path);
  const size = sampleSizeOf(spec);
  const perUnit = pixelsPerUnit(spec, run.normalization);
  const target = { height: spec.height, width: spec.width, channels: spec.channels };

  function* batches(batchSize: number): Generator<InputBatch> {
    for (let start = 0; start < files.length; start += batchSize) {
      const rels = files.slice(start, start + batchSize);
      const x = new Float32Array(rels.length * size);
      rels.forEach((rel, i) => {
        const out = x.subarray(i * size, (i + 1) * size);
        fitImage(decode(join(root, rel)), target, out);
        if (perUnit !== 1) for (let j = 0; j < out.length; j++) out[j] /= perUnit;
      });
      toRunScale(x, run.normalization, size);
      yield { x, count: rels.length, sources: rels, labels: rels.map((rel) => (isFolder && rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : null)) };
    }
  }
  return { format: 'images', path, total: files.length, isFolder, batches };
}

function decode(file: string) {
  const bytes = readRegularFile(file, 'image file');
  try {
    return decodeImage(bytes);
  } catch (error) {
    throw new InputError(`cannot decode image: ${error instanceof Error ? error.message : String(error)}; fix or remove the file`, { file });
  }
}
