// encode: each sample's latent code, as CSV rows (source, label, z0..zN) or, for an .npy `out`, a float32 array.
import { extname } from 'node:path';
import type { Applied } from '../../protocol/applyMessages';
import { csvLine } from '../../protocol/csvField';
import { eachBatch, type JobControl } from './eachBatch';
import { labelCell, type ApplyInput } from './inputTypes';
import type { LoadedRun } from './loadRun';
import { float32Bytes, float32NpyHeader } from './npyHeader';
import { StreamedFile } from '../../runs/streamedFile';

export async function encodeJob(run: LoadedRun, input: ApplyInput, out: string, control: JobControl): Promise<Applied> {
  const dim = run.models.latentDim;
  const npy = extname(out).toLowerCase() === '.npy';
  const file = new StreamedFile(out);
  let count: number;
  try {
    file.write(npy ? float32NpyHeader([input.total, dim]) : `${csvLine(['source', 'label', ...Array.from({ length: dim }, (_, i) => `z${i}`)])}\n`);
    count = await eachBatch(run, input, control, (batch, { codes }) => {
      if (npy) return file.write(float32Bytes(codes));
      file.write(batch.sources.map((source, i) => `${csvLine([source, labelCell(input, batch.labels[i]), ...codes.subarray(i * dim, (i + 1) * dim)])}\n`).join(''));
    });
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
  return { type: 'applied', job: 'encode', count, out };
}
