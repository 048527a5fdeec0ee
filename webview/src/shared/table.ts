// A vscode-table from header labels and rows of cell text.
import { h } from './dom';

/** firstColumn: the share of the width for the first column (names are longer than numbers). */
export function dataTable(headers: string[], rows: string[][], className: string, firstColumn = 0.3): HTMLElement {
  const table = h('vscode-table', { className, attrs: { zebra: '', 'bordered-columns': '', resizable: '' } });
  const rest = (100 * (1 - firstColumn)) / Math.max(1, headers.length - 1);
  table.columns = headers.map((_, i) => `${i === 0 ? 100 * firstColumn : rest}%`);
  const header = h('vscode-table-header', { attrs: { slot: 'header' } }, ...headers.map((text) => h('vscode-table-header-cell', { text })));
  const body = h('vscode-table-body', { attrs: { slot: 'body' } }, ...rows.map((row) => h('vscode-table-row', {}, ...row.map((text) => h('vscode-table-cell', { text, title: text })))));
  table.append(header, body);
  return table;
}
