// The table itself: a header to sort by, sweep header rows that fold their runs, and a checkbox per run.
import type { Experiments } from '../../../src/protocol/dashboardMessages';
import { cellValue, columnLabel } from '../../../src/protocol/experimentColumns';
import { h } from '../shared/dom';
import { formatLoss } from '../shared/format';
import type { SortState, TableLine } from './tableModel';

export interface TableHandlers {
  sort: (column: string) => void;
  toggleSweep: (sweepId: string) => void;
  select: (runIds: string[], selected: boolean) => void;
  hover: (runId: string | null) => void;
}

export interface TableInput {
  experiments: Experiments;
  lines: TableLine[];
  columns: string[];
  sort: SortState | null;
  selected: ReadonlySet<string>;
  collapsed: ReadonlySet<string>;
  names: ReadonlyMap<string, string>;
}

export function experimentsTable(input: TableInput, on: TableHandlers): HTMLTableElement {
  const { lines, columns, sort, selected, collapsed, names } = input;
  const headerCells = columns.map((column) => {
    const direction = sort?.column === column ? (sort.descending ? 'descending' : 'ascending') : 'none';
    const mark = direction === 'none' ? '' : direction === 'ascending' ? ' ▲' : ' ▼';
    const th = h('th', { className: 'sortable', title: `Sort by ${columnLabel(column)}`, attrs: { 'data-column': column, 'aria-sort': direction, scope: 'col' } }, h('span', { text: columnLabel(column) + mark }));
    th.addEventListener('click', () => on.sort(column));
    return th;
  });
  const body = h('tbody');
  for (const line of lines) {
    if (line.type === 'sweep') {
      const open = !collapsed.has(line.sweepId);
      const toggle = h('button', { className: 'sweep-toggle', text: `${open ? '▾' : '▸'} ${line.name}`, attrs: { type: 'button', 'aria-expanded': String(open) } });
      toggle.addEventListener('click', () => on.toggleSweep(line.sweepId));
      const sweep = input.experiments.sweeps.find((s) => s.sweepId === line.sweepId);
      const note = h('span', { className: 'sweep-note', text: ` ${sweep?.method ?? ''} sweep · ${line.runIds.length} runs · ${sweep?.keys.join(', ') ?? ''}` });
      const box = checkbox(line.runIds.length > 0 && line.runIds.every((id) => selected.has(id)), `Select the runs of ${line.name}`);
      box.addEventListener('change', () => on.select(line.runIds, box.checked));
      body.append(h('tr', { className: 'sweep-row', attrs: { 'data-sweep-id': line.sweepId } }, h('td', {}, box), h('td', { attrs: { colspan: String(columns.length) } }, toggle, note)));
      continue;
    }
    const { row } = line;
    const box = checkbox(selected.has(row.runId), `Select ${row.runId}`);
    box.classList.add('row-select');
    box.addEventListener('change', () => on.select([row.runId], box.checked));
    const cells = columns.map((column) => {
      const text = formatCell(cellValue(row, column, names), column);
      return h('td', { text, title: column === 'name' ? row.runId : text, attrs: { 'data-column': column } });
    });
    const tr = h('tr', { className: `experiment-row${line.inSweep ? ' in-sweep' : ''}`, attrs: { 'data-run-id': row.runId } }, h('td', {}, box), ...cells);
    tr.querySelector(`td[data-column="status"]`)?.classList.add(`status-${row.status}`);
    tr.addEventListener('mouseenter', () => on.hover(row.runId));
    tr.addEventListener('mouseleave', () => on.hover(null));
    body.append(tr);
  }
  return h('table', { className: 'experiments-table' }, h('thead', {}, h('tr', {}, h('th', { className: 'select-column' }), ...headerCells)), body);
}

function checkbox(checked: boolean, label: string): HTMLInputElement {
  const box = h('input', { attrs: { type: 'checkbox', 'aria-label': label } });
  box.checked = checked;
  return box;
}

function formatCell(value: string | number | null, column: string): string {
  if (value === null) return '—';
  if (typeof value === 'number') return column.startsWith('m:') ? formatLoss(value) : String(value);
  return value;
}
