// The Experiments table's rows as shown: filtered, sorted, and grouped under their sweep (pure, so it is easy to test).
import type { ExperimentRow, Experiments } from '../../../src/protocol/dashboardMessages';
import { cellValue, columnLabel } from '../../../src/protocol/experimentColumns';

export interface SortState {
  column: string;
  descending: boolean;
}

/** A table line: a sweep's header (its visible runs below it unless collapsed), or one run. */
export type TableLine = { type: 'sweep'; sweepId: string; name: string; runIds: string[] } | { type: 'run'; row: ExperimentRow; inSweep: boolean };

export function sweepNames(experiments: Experiments): Map<string, string> {
  return new Map(experiments.sweeps.map((sweep) => [sweep.sweepId, sweep.name]));
}

/**
 * Space-separated terms, all of which must hold: `key>number`, `key<number`, `key>=number`, `key<=number`, `key=value`
 * on a column (by id, label or parameter/metric key), else a case-insensitive substring of the row's shown text.
 */
export function filterRows(rows: readonly ExperimentRow[], filter: string, columns: readonly string[], names: ReadonlyMap<string, string>): ExperimentRow[] {
  const terms = filter.trim().split(/\s+/).filter(Boolean);
  if (!terms.length) return [...rows];
  return rows.filter((row) => terms.every((term) => matches(row, term, columns, names)));
}

function matches(row: ExperimentRow, term: string, columns: readonly string[], names: ReadonlyMap<string, string>): boolean {
  const comparison = /^([^<>=]+)(>=|<=|>|<|=)(.+)$/.exec(term);
  if (comparison) {
    const [, key, op, wanted] = comparison;
    const column = findColumn(row, key);
    if (column) {
      const value = cellValue(row, column, names);
      const number = typeof value === 'number' ? value : Number(value);
      const target = Number(wanted);
      if (op === '=') return value !== null && String(value).toLowerCase() === wanted.toLowerCase();
      if (value === null || !Number.isFinite(number) || !Number.isFinite(target)) return false;
      return op === '>' ? number > target : op === '<' ? number < target : op === '>=' ? number >= target : number <= target;
    }
  }
  const needle = term.toLowerCase();
  return [row.runId, ...columns.map((column) => cellValue(row, column, names))].some((value) => value !== null && String(value).toLowerCase().includes(needle));
}

function findColumn(row: ExperimentRow, key: string): string | undefined {
  if (key in row.metrics) return `m:${key}`;
  if (key in row.params) return `p:${key}`;
  const lower = key.toLowerCase();
  return ['name', 'kind', 'status', 'sweep', 'startedAt', 'epochs', 'runId'].find((column) => column.toLowerCase() === lower || columnLabel(column).toLowerCase() === lower);
}

/** Numbers numerically, text naturally; missing values last in either direction. */
export function sortRows(rows: readonly ExperimentRow[], sort: SortState | null, names: ReadonlyMap<string, string>): ExperimentRow[] {
  if (!sort) return [...rows];
  const sign = sort.descending ? -1 : 1;
  const key = (row: ExperimentRow) => cellValue(row, sort.column, names);
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const nx = typeof x === 'number' ? x : Number(x);
    const ny = typeof y === 'number' ? y : Number(y);
    if (Number.isFinite(nx) && Number.isFinite(ny) && x !== '' && y !== '') return sign * (nx - ny);
    return sign * String(x).localeCompare(String(y), undefined, { numeric: true });
  });
}

/** Sorted rows with each sweep's runs gathered under a header at the place of its first shown run. */
export function groupLines(rows: readonly ExperimentRow[], experiments: Experiments, collapsed: ReadonlySet<string>): TableLine[] {
  const lines: TableLine[] = [];
  const placed = new Set<string>();
  for (const row of rows) {
    const sweep = row.sweepId ? experiments.sweeps.find((s) => s.sweepId === row.sweepId) : undefined;
    if (!sweep) {
      lines.push({ type: 'run', row, inSweep: false });
      continue;
    }
    if (placed.has(sweep.sweepId)) continue;
    placed.add(sweep.sweepId);
    const members = rows.filter((r) => r.sweepId === sweep.sweepId);
    lines.push({ type: 'sweep', sweepId: sweep.sweepId, name: sweep.name, runIds: members.map((r) => r.runId) });
    if (!collapsed.has(sweep.sweepId)) lines.push(...members.map((member) => ({ type: 'run' as const, row: member, inSweep: true })));
  }
  return lines;
}

/** The columns shown before the user picks: name, kind, status, the swept keys, best val_loss and evaluation headlines. */
export function defaultColumns(experiments: Experiments): string[] {
  const swept = [...new Set(experiments.sweeps.flatMap((sweep) => sweep.keys))].filter((key) => experiments.rows.some((row) => key in row.params));
  const evaluation = allKeys(experiments.rows, 'metrics').filter((key) => key.startsWith('eval.'));
  return ['name', 'kind', 'status', ...swept.map((key) => `p:${key}`), 'm:best_val_loss', ...evaluation.map((key) => `m:${key}`)];
}

export function allKeys(rows: readonly ExperimentRow[], field: 'params' | 'metrics'): string[] {
  return [...new Set(rows.flatMap((row) => Object.keys(row[field])))].sort();
}
