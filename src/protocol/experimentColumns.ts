// The Experiments table's columns, shared by the webview (what it shows and sorts) and the host (the CSV it writes),
// so a column means the same in both. Zod-free: the webview bundles it. Ids: a base column's name, `p:<dotted key>` for
// an experiment parameter, `m:<metric>` for a metric.
import type { ExperimentRow } from './dashboardMessages';

export const BASE_COLUMNS = ['name', 'kind', 'status', 'sweep', 'startedAt', 'epochs', 'runId'] as const;
type BaseColumn = (typeof BASE_COLUMNS)[number];

const BASE_LABELS: Record<BaseColumn, string> = { name: 'Name', kind: 'Kind', status: 'Status', sweep: 'Sweep', startedAt: 'Started', epochs: 'Epochs', runId: 'Run id' };

export const paramColumn = (key: string): string => `p:${key}`;
export const metricColumn = (key: string): string => `m:${key}`;

export function isBaseColumn(column: string): column is BaseColumn {
  return (BASE_COLUMNS as readonly string[]).includes(column);
}

/** The header text: a base column's label, else the parameter's or metric's key. */
export function columnLabel(column: string): string {
  return isBaseColumn(column) ? BASE_LABELS[column] : column.slice(2);
}

/** The cell: numbers stay numbers (sorting, CSV); null when the run has no value. sweepNames: sweep id -> name. */
export function cellValue(row: ExperimentRow, column: string, sweepNames: ReadonlyMap<string, string>): string | number | null {
  if (column.startsWith('p:')) return row.params[column.slice(2)] ?? null;
  if (column.startsWith('m:')) return row.metrics[column.slice(2)] ?? null;
  switch (column as BaseColumn) {
    case 'sweep':
      return row.sweepId ? (sweepNames.get(row.sweepId) ?? row.sweepId) : null;
    case 'epochs':
      return row.epochs;
    case 'name':
    case 'kind':
    case 'status':
    case 'startedAt':
    case 'runId':
      return row[column as 'name'];
    default:
      return null;
  }
}

/** Whether the id names a column of these rows (the host checks the webview's export request with it). */
export function isKnownColumn(column: string, rows: readonly ExperimentRow[]): boolean {
  if (isBaseColumn(column)) return true;
  const key = column.slice(2);
  if (column.startsWith('p:')) return rows.some((row) => key in row.params);
  if (column.startsWith('m:')) return rows.some((row) => key in row.metrics);
  return false;
}
