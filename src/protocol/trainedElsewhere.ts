// Runs trained by another engine: an exported PyTorch script writes our run folder layout (experiment.json,
// metrics.jsonl, summary.json with its own `backend`), so its runs are listed and charted beside ours, but they have no
// tfjs model, checkpoint, views or evaluation. Plain values only: the webview imports this file too.

/** summary.json `backend` values written by engines other than our trainer, with the name users know them by. */
const OTHER_ENGINES: Record<string, string> = { pytorch: 'PyTorch' };

/** The engine that trained a run of this backend ("PyTorch"), or undefined when our trainer did. */
export function otherEngineOf(backend: string): string | undefined {
  return Object.hasOwn(OTHER_ENGINES, backend) ? OTHER_ENGINES[backend] : undefined;
}

/** What resuming such a run would need, as `doing` in noTfjsModelReason: said alike by the Resume command and the trainer. */
export const RESUMING_ELSEWHERE = 'resume it (only the script that trained it can train it further)';

/** What run listings (the Runs tree's tooltip, `aelab runs`) say beside such a run's status. */
export function trainedElsewhereDetail(engine: string): string {
  return `trained by ${engine}: curves and summary only, no tfjs model`;
}

/**
 * What a reader says instead of acting on such a run, after the run's folder: `doing` is what needs the tfjs model
 * ("apply it"); undefined for a run our trainer made.
 */
export function noTfjsModelReason(backend: string, doing: string): string | undefined {
  const engine = otherEngineOf(backend);
  return engine && `was trained by ${engine} (summary.json backend "${backend}") and has no tfjs model, so Autoencoder Lab cannot ${doing}; its curves show in the dashboard and Compare`;
}
