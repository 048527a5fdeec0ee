// Runs trained by another engine: an exported PyTorch script writes our run folder layout (experiment.json,
// metrics.jsonl, summary.json with its own `backend`), so its runs are listed and charted beside ours. Its scripts also
// write the trained weights back as tfjs models (encoder/, decoder/, model/), and such a run is applied, evaluated and
// served like ours; only resuming needs our checkpoint, which it never has. Plain values only: the webview imports this file too.

/** summary.json `backend` values written by engines other than our trainer, with the name users know them by. */
const OTHER_ENGINES: Record<string, string> = { pytorch: 'PyTorch' };

/** The engine that trained a run of this backend ("PyTorch"), or undefined when our trainer did. */
export function otherEngineOf(backend: string): string | undefined {
  return Object.hasOwn(OTHER_ENGINES, backend) ? OTHER_ENGINES[backend] : undefined;
}

/** What resuming such a run would need, as `doing` in noTfjsModelReason: said alike by the Resume command and the trainer. */
export const RESUMING_ELSEWHERE = 'resume it (only the script that trained it can train it further)';

/** What run listings (the Runs tree's tooltip, `aelab runs`) say beside such a run's status. */
export function trainedElsewhereDetail(engine: string, tfjsModel: boolean): string {
  return tfjsModel ? `trained by ${engine}, its weights written back as tfjs models` : `trained by ${engine}: curves and summary only, no tfjs model`;
}

/** A listed run another engine trained whose folder holds no tfjs model (an older script, or stopped before its first epoch). */
export function lacksTfjsModel(run: { trainedBy?: string; tfjsModel?: boolean }): boolean {
  return run.trainedBy !== undefined && !run.tfjsModel;
}

/**
 * What a reader says instead of acting on such a run, after the run's folder: `doing` is what needs the tfjs model
 * ("apply it"), or RESUMING_ELSEWHERE, which needs our checkpoint (`tfjsModel`: the folder has tfjs models); undefined
 * for a run our trainer made.
 */
export function noTfjsModelReason(backend: string, doing: string, tfjsModel = false): string | undefined {
  const engine = otherEngineOf(backend);
  const lacks = tfjsModel ? 'no Autoencoder Lab checkpoint' : 'no tfjs model';
  return engine && `was trained by ${engine} (summary.json backend "${backend}") and has ${lacks}, so Autoencoder Lab cannot ${doing}; its curves show in the dashboard and Compare`;
}
