// The Runs tree tooltip as Markdown. Names and kinds come from summary.json, which a cloned repository controls:
// every character Markdown could read as syntax is escaped, so a run file cannot add links, images or HTML.
import type { RunListItem } from '../../protocol/dashboardMessages';

/** Backslash-escapes every ASCII punctuation character (CommonMark allows it for all of them) and flattens newlines. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

export function runTooltipMarkdown(run: RunListItem): string {
  const e = escapeMarkdown;
  const best = run.bestValLoss === null ? '—' : String(run.bestValLoss);
  const resume = run.resumable === 'checkpoint' ? ' · can be resumed' : run.resumable === 'retrain' ? ' · no checkpoint: Resume trains it again from the start' : '';
  return [
    `**${e(run.name)}** (${e(run.kind)})`,
    `${e(run.status)}, epoch ${run.epochs}/${run.epochsPlanned}${resume}`,
    // A damaged run's reader message: which file, line and field (its text comes from the file, so it is escaped too);
    // or which engine trained the run.
    ...(run.detail ? [e(run.detail)] : []),
    `best val loss: ${e(best)}`,
    `started ${e(run.startedAt)}`,
    e(run.runId),
  ].join('\n\n');
}
