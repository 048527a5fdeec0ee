// The one check every reader that needs a run's tfjs model makes first: a run trained by another engine (an exported
// PyTorch script, summary.json `backend: "pytorch"`) has none, and is refused with a message saying so rather than
// failing later on a missing model.json.
import { InputError } from '../protocol/errors';
import { noTfjsModelReason } from '../protocol/trainedElsewhere';
import { readSummary } from './summaryFile';

/** Why the run in `runDir` cannot be `doing` ("apply it") here: another engine trained it; undefined for our runs
 * (and when summary.json cannot be read: its own reader says why). */
export function trainedElsewhereReason(runDir: string, doing: string): string | undefined {
  const summary = readSummary(runDir);
  return summary && noTfjsModelReason(summary.backend, doing);
}

/** Throws an InputError naming the run folder when another engine trained it; `doing` is what needed the model. */
export function refuseRunTrainedElsewhere(runDir: string, doing: string): void {
  const reason = trainedElsewhereReason(runDir, doing);
  if (reason) throw new InputError(reason, { file: runDir });
}
