// reconstruct: each sample through the run's model, written in the input's own kind of file: images as PNG files at
// the same relative paths (one image: one PNG at `out`), IDX/NPY as one float32 NPY, CSV as CSV with the same header,
// a time series as one CSV row per time point (seriesReconstructJob.ts).
// A denoising run denoises here: its input is taken as already noisy, and no corruption is added.
import { extname, join } from 'node:path';
import type { Applied } from '../../protocol/applyMessages';
import { reconstructAudio } from './audioReconstruct';
import { CopiedCell, csvLine, type CsvCell } from '../../protocol/csvField';
import { eachBatch, type JobControl } from './eachBatch';
import type { ApplyInput } from './inputTypes';
import type { LoadedRun } from './loadRun';
import { float32Bytes, float32NpyHeader } from './npyHeader';
import { writePng } from './pngFile';
import { toPixels, toUserUnits } from './runScale';
import { StreamedFile } from '../../runs/streamedFile';
import { seriesReconstructJob } from './seriesReconstructJob';

export async function reconstructJob(run: LoadedRun, input: ApplyInput, out: string, control: JobControl): Promise<Applied> {
  if (input.format === 'audio') return reconstructAudio(run, input.path, out, control);
  const size = run.sampleShape.reduce((a, b) => a * b, 1);
  if (input.series) return seriesReconstructJob(run, input, input.series, out, control);
  if (input.format === 'images') {
    const spec = run.spec;
    if (spec.kind !== 'images') throw new Error('image input for a table run'); // refused when the input was opened
    const count = await eachBatch(run, input, control, (batch, { reconstructions }) => {
      batch.sources.forEach((rel, i) => {
        const file = input.isFolder ? join(out, rel.slice(0, rel.length - extname(rel).length) + '.png') : out;
        writePng(file, toPixels(reconstructions.subarray(i * size, (i + 1) * size), spec, run.normalization, size), spec.height, spec.width, spec.channels);
      });
    });
    return { type: 'applied', job: 'reconstruct', count, out };
  }
  const file = new StreamedFile(out);
  try {
    if (input.format === 'csv') {
      // The header and the label cells are the user's own, copied: not defused (csvField.ts), so the file round-trips.
      if (input.header) file.write(`${csvLine(input.header.map((name) => new CopiedCell(name)))}\n`);
      const featureCells = input.featureCells!;
      await eachBatch(run, input, control, (batch, { reconstructions }) => {
        toUserUnits(reconstructions, run.normalization, size);
        const lines = batch.cells!.map((cells, i) => {
          const row: CsvCell[] = cells.map((cell) => new CopiedCell(cell));
          featureCells.forEach((cell, f) => (row[cell] = reconstructions[i * size + f]));
          return `${csvLine(row)}\n`;
        });
        file.write(lines.join(''));
      });
    } else {
      file.write(float32NpyHeader([input.total, ...run.sampleShape]));
      await eachBatch(run, input, control, (_batch, { reconstructions }) => {
        toUserUnits(reconstructions, run.normalization, size);
        file.write(float32Bytes(reconstructions));
      });
    }
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
  return { type: 'applied', job: 'reconstruct', count: input.total, out };
}
