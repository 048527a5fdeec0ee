// The column picker: every base column, parameter and metric key as a checkbox, in a fold-out list.
import { BASE_COLUMNS, columnLabel, metricColumn, paramColumn } from '../../../src/protocol/experimentColumns';
import { h } from '../shared/dom';

export function columnPicker(params: string[], metrics: string[], shown: readonly string[], onChange: (columns: string[]) => void): HTMLElement {
  const group = (title: string, columns: string[]) =>
    h(
      'fieldset',
      { className: 'column-group' },
      h('legend', { text: title }),
      ...columns.map((column) => {
        const box = h('input', { attrs: { type: 'checkbox', 'data-column': column } });
        box.checked = shown.includes(column);
        box.addEventListener('change', () => onChange(box.checked ? [...shown, column] : shown.filter((c) => c !== column)));
        return h('label', { className: 'column-option' }, box, ` ${columnLabel(column)}`);
      }),
    );
  return h(
    'details',
    { className: 'column-picker' },
    h('summary', { text: `Columns (${shown.length})` }),
    h('div', { className: 'column-groups' }, group('Run', [...BASE_COLUMNS]), group('Metrics', metrics.map(metricColumn)), group('Parameters', params.map(paramColumn))),
  );
}
