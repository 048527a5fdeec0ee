// score: each sample's reconstruction error (the run's metric), flagged above a threshold: the run's own (a
// percentile of its training errors), one given, or a percentile of the scored errors. One CSV row per sample; for a
// time series, one row per time point (its windows' errors mapped back to it) and the flagged spans.
import type { Applied } from '../../protocol/applyMessages';
import { csvLine } from '../../protocol/csvField';
import { InputError } from '../../protocol/errors';
import { runPath } from '../../runs/layout';
import { eachBatch, type JobControl } from './eachBatch';
import { labelCell, type ApplyInput } from './inputTypes';
import type { LoadedRun } from './loadRun';
import { percentile } from '../../protocol/percentile';
import { StreamedFile } from '../../runs/streamedFile';
import { flaggedSpans } from '../../protocol/series';
import { SeriesErrorCollector } from './seriesErrors';

export interface ThresholdChoice {
  threshold?: number;
  percentile?: number;
}

export async function scoreJob(run: LoadedRun, input: ApplyInput, out: string, choice: ThresholdChoice, control: JobControl): Promise<Applied> {
  if (choice.threshold === undefined && choice.percentile === undefined && !run.threshold) {
    throw new InputError('has no anomaly threshold (the run was trained before thresholds were kept, or its errors were not finite); give --threshold or --percentile', { file: runPath(run.runDir, 'data') });
  }
  const { errors, sources, labels, count } = input.series ? await seriesScores(run, input, input.series, control) : await sampleScores(run, input, control);
  const { value, method } = chooseThreshold(run, errors, choice);
  let flagged = 0;
  const file = new StreamedFile(out);
  try {
    file.write(`${csvLine(['source', 'label', 'error', 'flagged'])}\n`);
    const rows: string[] = [];
    for (let i = 0; i < count; i++) {
      const isFlagged = errors[i] > value;
      if (isFlagged) flagged++;
      rows.push(`${csvLine([sources[i], labelCell(input, labels[i]), errors[i], isFlagged ? 1 : 0])}\n`);
      if (rows.length === 4096 || i === count - 1) file.write(rows.splice(0).join(''));
    }
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
  const spans = input.series && flaggedSpans(errors, value).map(({ start, end }) => ({ start: sources[start], end: sources[end], points: end - start + 1 }));
  return { type: 'applied', job: 'score', count, out, flagged, threshold: value, method, spans };
}

interface Scores {
  errors: Float32Array;
  sources: string[];
  labels: (string | null)[];
  count: number;
}

/** One error per sample. Only the numbers and names are kept for the whole input (a few bytes per sample), never the samples. */
async function sampleScores(run: LoadedRun, input: ApplyInput, control: JobControl): Promise<Scores> {
  const errors = new Float32Array(input.total);
  const sources: string[] = [];
  const labels: (string | null)[] = [];
  const count = await eachBatch(run, input, control, (batch, result, start) => {
    errors.set(result.errors, start);
    sources.push(...batch.sources);
    labels.push(...batch.labels);
  });
  return { errors, sources, labels, count };
}

/** A time series: one error per time point, from the errors of the windows covering it (the run's data.aggregate). */
async function seriesScores(run: LoadedRun, input: ApplyInput, series: NonNullable<ApplyInput['series']>, control: JobControl): Promise<Scores> {
  const collector = new SeriesErrorCollector(series.layout, run.loss);
  await eachBatch(run, input, control, (batch, result, start) => collector.add(start, batch.count, batch.x, result.reconstructions));
  const { times } = series.layout;
  return { errors: collector.pointErrors(series.aggregate), sources: times, labels: new Array<null>(times.length).fill(null), count: times.length };
}

function chooseThreshold(run: LoadedRun, errors: Float32Array, choice: ThresholdChoice): { value: number; method: string } {
  if (choice.threshold !== undefined) return { value: choice.threshold, method: 'given' };
  if (choice.percentile !== undefined) return { value: percentile(errors, choice.percentile), method: `percentile ${choice.percentile} of the scored errors` };
  const t = run.threshold!;
  const what = run.spec.kind === 'series' ? `training point errors (${t.metric}, ${run.spec.aggregate} over windows)` : `training errors (${t.metric})`;
  return { value: t.value, method: `the run's: percentile ${t.percentile} of ${t.samples} ${what}` };
}
