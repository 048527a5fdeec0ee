// metrics.jsonl: one JSON object per finished epoch, in epoch order.
import { existsSync } from 'node:fs';
import { InputError } from '../protocol/errors';
import { describeIssue } from '../protocol/loadExperiment';
import { epochMetricsSchema, type EpochMetrics } from '../protocol/trainerMessages';
import { runPath } from './layout';
import { readRunText } from './readJsonFile';

/** Every epoch's metrics; [] before the first epoch ends. InputError naming the line and field of a damaged line. */
export function readMetrics(runDir: string): EpochMetrics[] {
  return parseMetrics(runDir, (problem) => {
    throw problem;
  });
}

/** For views that show what they can: the valid lines, and the first problem (file, line, field) if there was one. */
export function readMetricsLeniently(runDir: string): { metrics: EpochMetrics[]; problem?: string } {
  let problem: string | undefined;
  const metrics = parseMetrics(runDir, (error) => (problem ??= error.message));
  return { metrics, problem };
}

function parseMetrics(runDir: string, onProblem: (error: InputError) => void): EpochMetrics[] {
  const file = runPath(runDir, 'metrics');
  if (!existsSync(file)) return [];
  const metrics: EpochMetrics[] = [];
  readRunText(file)
    .split('\n')
    .forEach((text, index) => {
      if (text.trim() === '') return;
      const line = index + 1;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        return onProblem(new InputError(`not JSON (${(error as Error).message}); each line must be one epoch's metrics object`, { file, line }));
      }
      const parsed = epochMetricsSchema.safeParse(value, { reportInput: true });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return onProblem(new InputError(describeIssue(issue), { file, line, field: issue.path.map(String).join('.') || '(root)' }));
      }
      const previous = metrics.at(-1);
      if (previous && parsed.data.epoch <= previous.epoch) return onProblem(new InputError(`epoch ${parsed.data.epoch} follows epoch ${previous.epoch}; epochs must increase`, { file, line, field: 'epoch' }));
      metrics.push(parsed.data);
    });
  return metrics;
}
