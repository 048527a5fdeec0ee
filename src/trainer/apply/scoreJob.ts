// score: each sample's reconstruction error (the run's metric), flagged above a threshold: the run's own (a
// percentile of its training errors), one given, or a percentile of the scored errors. One CSV row per sample.
import type { Applied } from '../../protocol/applyMessages';
import { csvLine } from '../../protocol/csvField';
import { InputError } from '../../protocol/errors';
import { runPath } from '../../runs/layout';
import { eachBatch, type JobControl } from './eachBatch';
import { labelCell, type ApplyInput } from './inputTypes';
import type { LoadedRun } from './loadRun';
import { percentile } from '../../protocol/percentile';
import { StreamedFile } from '../../runs/streamedFile';

export interface ThresholdChoice {
  threshold?: number;
  percentile?: number;
}

export async function scoreJob(run: LoadedRun, input: ApplyInput, out: string, choice: ThresholdChoice, control: JobControl): Promise<Applied> {
  if (choice.threshold === undefined && choice.percentile === undefined && !run.threshold) {
    throw new InputError('has no anomaly threshold (the run was trained before thresholds were kept, or its errors were not finite); give --threshold or --percentile', { file: runPath(run.runDir, 'data') });
  }
  // Only the numbers and names are kept for the whole input (a few bytes per sample), never the samples.
  const errors = new Float32Array(input.total);
  const sources: string[] = [];
  const labels: (string | null)[] = [];
  const count = await eachBatch(run, input, control, (batch, result, start) => {
    errors.set(result.errors, start);
    sources.push(...batch.sources);
    labels.push(...batch.labels);
  });
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
  return { type: 'applied', job: 'score', count, out, flagged, threshold: value, method };
}

function chooseThreshold(run: LoadedRun, errors: Float32Array, choice: ThresholdChoice): { value: number; method: string } {
  if (choice.threshold !== undefined) return { value: choice.threshold, method: 'given' };
  if (choice.percentile !== undefined) return { value: percentile(errors, choice.percentile), method: `percentile ${choice.percentile} of the scored errors` };
  const t = run.threshold!;
  return { value: t.value, method: `the run's: percentile ${t.percentile} of ${t.samples} training errors (${t.metric})` };
}
