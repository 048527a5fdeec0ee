// summary.json: the run's status and results, rewritten on start, every epoch and at the end.
import { existsSync } from 'node:fs';
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
  if (!existsSync(runPath(runDir, 'summary'))) return undefined;
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
