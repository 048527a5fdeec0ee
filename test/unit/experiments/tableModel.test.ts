// The table's pure parts: sorting (numbers numerically, text naturally, empty cells last either way), the filter's
// comparisons and substrings, and sweep grouping.
import { describe, expect, it } from 'vitest';
import type { ExperimentRow, Experiments } from '../../../src/protocol/dashboardMessages';
import { defaultColumns, filterRows, groupLines, sortRows } from '../../../webview/src/experiments/tableModel';

function row(runId: string, latentDim: string | undefined, best: number | null, sweepId: string | null = null): ExperimentRow {
  return { runId, name: runId, kind: 'deep', status: 'completed', startedAt: '', epochs: 1, params: latentDim === undefined ? {} : { 'model.latentDim': latentDim }, metrics: { best_val_loss: best }, sweepId };
}

const rows = [row('a', '16', 0.3), row('b', '2', null, 's'), row('c', '8', 0.1, 's'), row('d', undefined, 0.2)];
const experiments: Experiments = { rows, sweeps: [{ sweepId: 's', name: 'grid', method: 'grid', keys: ['model.latentDim'], runIds: ['b', 'c'] }], goals: { best_val_loss: 'min' }, importance: [], problems: [] };
const names = new Map([['s', 'grid']]);
const ids = (list: ExperimentRow[]) => list.map((r) => r.runId);

describe('sortRows', () => {
  it('sorts numbers numerically (2 < 8 < 16, not as text) with missing values last in both directions', () => {
    expect(ids(sortRows(rows, { column: 'p:model.latentDim', descending: false }, names))).toEqual(['b', 'c', 'a', 'd']);
    expect(ids(sortRows(rows, { column: 'p:model.latentDim', descending: true }, names))).toEqual(['a', 'c', 'b', 'd']);
    expect(ids(sortRows(rows, { column: 'm:best_val_loss', descending: false }, names))).toEqual(['c', 'd', 'a', 'b']);
    expect(ids(sortRows(rows, { column: 'm:best_val_loss', descending: true }, names))).toEqual(['a', 'd', 'c', 'b']);
  });
});

describe('filterRows', () => {
  const columns = ['name', 'p:model.latentDim', 'm:best_val_loss'];
  it('compares numbers with >, <, >=, <= and matches = and substrings', () => {
    expect(ids(filterRows(rows, 'model.latentDim>4', columns, names))).toEqual(['a', 'c']);
    expect(ids(filterRows(rows, 'best_val_loss<=0.2', columns, names))).toEqual(['c', 'd']);
    expect(ids(filterRows(rows, 'model.latentDim=8', columns, names))).toEqual(['c']);
    expect(ids(filterRows(rows, 'best_val_loss>0.15 model.latentDim<10', columns, names))).toEqual([]);
    expect(ids(filterRows(rows, 'A', columns, names))).toEqual(['a']);
    expect(ids(filterRows(rows, '  ', columns, names))).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('groupLines', () => {
  it('puts a sweep header where its first run sorts, its runs below unless folded', () => {
    const sorted = sortRows(rows, { column: 'm:best_val_loss', descending: false }, names);
    const shape = (lines: ReturnType<typeof groupLines>) => lines.map((l) => (l.type === 'sweep' ? `[${l.name}]` : l.row.runId));
    expect(shape(groupLines(sorted, experiments, new Set()))).toEqual(['[grid]', 'c', 'b', 'd', 'a']);
    expect(shape(groupLines(sorted, experiments, new Set(['s'])))).toEqual(['[grid]', 'd', 'a']);
  });

  it('shows the swept keys and best val_loss by default', () => {
    expect(defaultColumns(experiments)).toEqual(['name', 'kind', 'status', 'p:model.latentDim', 'm:best_val_loss']);
  });
});
