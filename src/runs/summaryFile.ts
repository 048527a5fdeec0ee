// summary.json: the run's status and results, rewritten on start, every epoch and at the end.
import { runSummarySchema, type RunSummary } from '../protocol/trainerMessages';
import { isInputError } from '../protocol/errors';
import { runPath } from './layout';
import { readRunJson } from './readJsonFile';
import { writeRunJson } from './runFolder';

/** The validated summary; InputError naming summary.json and the field when it is missing or invalid. */
export function requireSummary(runDir: string): RunSummary {
  return readRunJson(runPath(runDir, 'summary'), runSummarySchema);
}

/** The validated summary, or undefined when there is none or it is invalid (for callers that only look). */
export function readSummary(runDir: string): RunSummary | undefined {
  // A missing file is an InputError from the reader too.
  try {
    return requireSummary(runDir);
  } catch (error) {
    if (isInputError(error)) return undefined;
    throw error;
  }
}

export function writeSummary(runDir: string, summary: RunSummary): void {
  writeRunJson(runDir, 'summary', summary);
}
