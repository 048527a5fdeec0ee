// reconstruct on a time series: one CSV row per time point (its time, then each value column), the value being the
// mean of the reconstructions of the windows covering the point, in the user's units. Points no window covers are empty.
import type { Applied } from '../../protocol/applyMessages';
import { CopiedCell, csvLine } from '../../protocol/csvField';
import { PointMeans } from '../../protocol/series';
import { StreamedFile } from '../../runs/streamedFile';
import { eachBatch, type JobControl } from './eachBatch';
import type { ApplyInput } from './inputTypes';
import type { LoadedRun } from './loadRun';
import { toUserUnits } from './runScale';

export async function seriesReconstructJob(run: LoadedRun, input: ApplyInput, series: NonNullable<ApplyInput['series']>, out: string, control: JobControl): Promise<Applied> {
  const { times, columns, window, starts } = series.layout;
  const channels = columns.length;
  const size = window * channels;
  const means = new PointMeans(times.length, channels);
  await eachBatch(run, input, control, (batch, { reconstructions }, first) => {
    toUserUnits(reconstructions, run.normalization, size);
    for (let w = 0; w < batch.count; w++) means.add(starts[first + w], window, reconstructions, w * size);
  });
  const file = new StreamedFile(out);
  try {
    const spec = run.spec;
    const timeName = spec.kind === 'series' && spec.timeColumn !== null ? spec.timeColumn : 'row';
    file.write(`${csvLine([timeName, ...columns].map((name) => new CopiedCell(name)))}\n`);
    for (let p = 0; p < times.length; p += 4096) {
      const rows: string[] = [];
      for (let q = p; q < Math.min(times.length, p + 4096); q++) {
        const values = Array.from({ length: channels }, (_, c) => (means.covers(q) ? means.at(q, c) : ''));
        rows.push(`${csvLine([new CopiedCell(times[q]), ...values])}\n`);
      }
      file.write(rows.join(''));
    }
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
  return { type: 'applied', job: 'reconstruct', count: times.length, out };
}
