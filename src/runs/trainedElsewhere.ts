// The one check every reader that needs a run's tfjs model makes first: a run trained by another engine (an exported
// PyTorch script, summary.json `backend: "pytorch"`) whose folder has no tfjs models is refused with a message saying
// so rather than failing later on a missing model.json. Resuming one is always refused: it has no checkpoint of ours.
import { existsSync } from 'node:fs';
import { InputError } from '../protocol/errors';
import { noTfjsModelReason, RESUMING_ELSEWHERE } from '../protocol/trainedElsewhere';
import { MODEL_FILES, runPath } from './layout';
import { readSummary } from './summaryFile';

/** Whether the run folder holds an encoder and a decoder in the tfjs layers format. */
export function hasTfjsModels(runDir: string): boolean {
  return existsSync(runPath(runDir, 'encoder', MODEL_FILES.topology)) && existsSync(runPath(runDir, 'decoder', MODEL_FILES.topology));
}

/** Why the run in `runDir` cannot be `doing` ("apply it"): another engine trained it and wrote no tfjs models (or
 * `doing` is resuming it); undefined for our runs (and when summary.json cannot be read: its own reader says why). */
export function trainedElsewhereReason(runDir: string, doing: string): string | undefined {
  const summary = readSummary(runDir);
  if (!summary) return undefined;
  const tfjsModel = hasTfjsModels(runDir);
  if (tfjsModel && doing !== RESUMING_ELSEWHERE) return undefined;
  return noTfjsModelReason(summary.backend, doing, tfjsModel);
}

/** Throws an InputError naming the run folder when another engine trained it; `doing` is what needed the model. */
export function refuseRunTrainedElsewhere(runDir: string, doing: string): void {
  const reason = trainedElsewhereReason(runDir, doing);
  if (reason) throw new InputError(reason, { file: runDir });
}
