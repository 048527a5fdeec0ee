// Export CSV of the Experiments table: the columns and rows the webview shows, in its order, with the values from the
// host's own copy of the data (the webview only names them). Text cells are defused against formula injection.
import { csvLine, type CsvCell } from '../../protocol/csvField';
import type { Experiments } from '../../protocol/dashboardMessages';
import { cellValue, columnLabel, isKnownColumn } from '../../protocol/experimentColumns';

export function experimentsCsv(experiments: Experiments, runIds: readonly string[], columns: readonly string[]): { csv: string; rows: number } {
  const known = columns.filter((column) => isKnownColumn(column, experiments.rows));
  const byId = new Map(experiments.rows.map((row) => [row.runId, row]));
  const sweepNames = new Map(experiments.sweeps.map((sweep) => [sweep.sweepId, sweep.name]));
  const rows = runIds.map((id) => byId.get(id)).filter((row) => row !== undefined);
  const lines = [csvLine(known.map(columnLabel))];
  for (const row of rows) lines.push(csvLine(known.map((column): CsvCell => cellValue(row, column, sweepNames) ?? '')));
  return { csv: `${lines.join('\n')}\n`, rows: rows.length };
}
