// Final metrics per run, and the experiment keys whose values differ between the runs.
import type { Comparison } from '../../../src/protocol/dashboardMessages';
import { emptyNote } from '../shared/dom';
import { formatCount, formatLoss, formatSeconds } from '../shared/format';
import { dataTable } from '../shared/table';

/** Run names, or run ids where two runs share a name, so legends and columns stay unambiguous. */
export function runLabels(comparison: Comparison): string[] {
  const names = comparison.runs.map((run) => run.name);
  return comparison.runs.map((run) => (names.filter((name) => name === run.name).length > 1 ? run.runId : run.name));
}

export function finalMetricsTable(comparison: Comparison): HTMLElement {
  const headers = ['Run', 'Kind', 'Status', 'Epochs', 'Loss', 'Val loss', 'Best val loss', 'Epoch time', 'Samples/s'];
  const labels = runLabels(comparison);
  const rows = comparison.runs.map((run, i) => [
    labels[i],
    run.trainedBy ? `${run.kind} (${run.trainedBy})` : run.kind,
    run.status,
    String(run.final?.epoch ?? 0),
    formatLoss(run.final?.loss),
    formatLoss(run.final?.val_loss),
    formatLoss(run.bestValLoss),
    run.final ? formatSeconds(run.final.seconds) : '—',
    run.final ? formatCount(run.final.samples_per_second) : '—',
  ]);
  return dataTable(headers, rows, 'final-metrics-table');
}

export function configDiffTable(comparison: Comparison): HTMLElement {
  if (!comparison.differingKeys.length) return emptyNote('The experiments of these runs have the same settings.');
  const headers = ['Setting', ...runLabels(comparison)];
  const rows = comparison.differingKeys.map(({ key, values }) => [key, ...values.map((value) => value ?? '—')]);
  return dataTable(headers, rows, 'config-diff-table');
}
