// Experiments: every run of the runs folder as a table (sweeps grouped), with a column picker, sort, filter, actions on
// selected runs, a parallel-coordinates plot of the shown parameters against a metric, and parameter importance.
import type { Experiments } from '../../../src/protocol/dashboardMessages';
import { button, emptyNote, h, replaceChildren, section } from '../shared/dom';
import { LazyRender } from '../shared/lazyRender';
import type { Store } from '../store';
import type { View } from '../app/view';
import { postToHost } from '../vscode';
import { columnPicker } from './columnPicker';
import { experimentsTable } from './experimentsTable';
import { importancePanel } from './importancePanel';
import { ParallelCoordinates } from './parallelCoordinates';
import { allKeys, defaultColumns, filterRows, groupLines, sortRows, sweepNames, type SortState } from './tableModel';

/** COMPARE_RUNS takes at most this many runs. */
const MAX_COMPARED = 12;

export function experimentsView(store: Store): View {
  const state = { columns: null as string[] | null, sort: null as SortState | null, filter: '', metric: 'best_val_loss', selected: new Set<string>(), collapsed: new Set<string>(), hovered: null as string | null };
  const filterBox = h('input', { className: 'experiments-filter', attrs: { type: 'search', placeholder: 'Filter: text, or key>value, key<value', 'aria-label': 'Filter runs' } });
  const pickerSlot = h('div', { className: 'column-picker-slot' });
  const metricSelect = h('select', { className: 'metric-select', attrs: { 'aria-label': 'Metric' } });
  const selection = h('span', { className: 'selection-note' });
  const tableSlot = h('div', { className: 'experiments-table-wrap' });
  const problems = h('div', { className: 'experiments-problems' });
  const importanceSlot = h('div', { className: 'importance-slot' });
  const plot = new ParallelCoordinates((runId) => setHovered(runId));
  const actions = {
    compare: button('Compare', 'diff', () => compare()),
    // Only the selected runs the filter shows: a run selected earlier and filtered out since is not deleted unseen.
    delete: button('Delete', 'trash', () => {
      const runIds = selectedShown();
      if (runIds.length > 0) postToHost({ type: 'DELETE_RUNS', runIds });
    }, true),
    rerun: button('Re-run with edits', 'edit', () => postToHost({ type: 'RERUN_WITH_EDITS', runId: [...state.selected][0] }), true),
    export: button('Export CSV', 'export', () => exportCsv(), true),
  };
  actions.compare.classList.add('compare-selected');
  actions.delete.classList.add('delete-selected');
  actions.rerun.classList.add('rerun-selected');
  actions.export.classList.add('export-csv');
  const refresh = button('Refresh', 'refresh', () => postToHost({ type: 'LIST_EXPERIMENTS' }), true);
  const body = h(
    'div',
    { className: 'experiments-body' },
    h('div', { className: 'toolbar experiments-toolbar' }, filterBox, pickerSlot, selection, actions.compare, actions.delete, actions.rerun, actions.export, refresh),
    problems,
    tableSlot,
    section('Parallel coordinates', h('label', { className: 'metric-label' }, 'Metric ', metricSelect), plot.canvas),
    section('Parameter importance', importanceSlot),
  );
  const empty = emptyNote('No runs in the runs folder yet.');
  const element = h('div', { className: 'view experiments-view' }, empty, body);
  let requested = false;

  const data = () => store.data.experiments;
  const names = () => sweepNames(data() ?? { rows: [], sweeps: [], goals: {}, importance: [], problems: [] });
  const columns = (experiments: Experiments) => (state.columns ??= defaultColumns(experiments));
  /** The rows that pass the filter, in the table's order (what Export writes and the plot draws). */
  const visibleRows = (experiments: Experiments) => sortRows(filterRows(experiments.rows, state.filter, columns(experiments), names()), state.sort, names());

  const selectedShown = () => {
    const experiments = data();
    return experiments ? visibleRows(experiments).map((row) => row.runId).filter((id) => state.selected.has(id)) : [];
  };

  const compare = () => {
    const ids = [...state.selected].slice(0, MAX_COMPARED);
    store.setUi({ view: 'compare', compareIds: ids });
    postToHost({ type: 'COMPARE_RUNS', runIds: ids });
  };
  const exportCsv = () => {
    const experiments = data();
    if (!experiments) return;
    // In the table's order, sweeps grouped; a folded sweep's runs are still exported.
    const lines = groupLines(visibleRows(experiments), experiments, new Set());
    const runIds = lines.flatMap((line) => (line.type === 'run' ? [line.row.runId] : []));
    postToHost({ type: 'EXPORT_EXPERIMENTS', runIds, columns: columns(experiments) });
  };
  const setHovered = (runId: string | null) => {
    state.hovered = runId;
    tableSlot.querySelectorAll('tr.hovered').forEach((tr) => tr.classList.remove('hovered'));
    if (runId) tableSlot.querySelector(`tr[data-run-id="${CSS.escape(runId)}"]`)?.classList.add('hovered');
    plot.highlight(runId);
  };

  const render = new LazyRender(() => {
    const experiments = data();
    empty.hidden = !!experiments?.rows.length;
    body.hidden = !experiments?.rows.length;
    replaceChildren(problems, ...(experiments?.problems ?? []).map((problem) => h('p', { className: 'experiments-problem', text: problem })));
    if (!experiments?.rows.length) return;
    const known = new Set(experiments.rows.map((row) => row.runId));
    state.selected.forEach((id) => known.has(id) || state.selected.delete(id));
    const shown = columns(experiments);
    const rows = visibleRows(experiments);
    const wasOpen = pickerSlot.querySelector('details')?.open ?? false;
    const picker = columnPicker(allKeys(experiments.rows, 'params'), allKeys(experiments.rows, 'metrics'), shown, (next) => {
      state.columns = next;
      render.invalidate();
    });
    (picker as HTMLDetailsElement).open = wasOpen;
    replaceChildren(pickerSlot, picker);
    const table = experimentsTable(
      { experiments, lines: groupLines(rows, experiments, state.collapsed), columns: shown, sort: state.sort, selected: state.selected, collapsed: state.collapsed, names: names() },
      {
        sort: (column) => {
          state.sort = state.sort?.column === column ? { column, descending: !state.sort.descending } : { column, descending: false };
          render.invalidate();
        },
        toggleSweep: (sweepId) => {
          if (!state.collapsed.delete(sweepId)) state.collapsed.add(sweepId);
          render.invalidate();
        },
        select: (ids, selected) => {
          ids.forEach((id) => (selected ? state.selected.add(id) : state.selected.delete(id)));
          render.invalidate();
        },
        hover: (runId) => setHovered(runId),
      },
    );
    replaceChildren(tableSlot, table);
    const count = state.selected.size;
    selection.textContent = `${rows.length} of ${experiments.rows.length} runs · ${count} selected`;
    actions.compare.disabled = count < 1 || count > MAX_COMPARED;
    actions.delete.disabled = count < 1;
    actions.rerun.disabled = count !== 1;
    actions.export.disabled = rows.length === 0;

    const metrics = Object.keys(experiments.goals);
    if (!metrics.includes(state.metric)) state.metric = metrics[0] ?? 'best_val_loss';
    replaceChildren(metricSelect, ...metrics.map((metric) => h('option', { text: metric, attrs: { value: metric } })));
    metricSelect.value = state.metric;
    plot.update({ rows, axes: shown.filter((column) => column.startsWith('p:')), metric: state.metric, goal: experiments.goals[state.metric] ?? 'min' });
    if (state.hovered) setHovered(state.hovered);
    replaceChildren(importanceSlot, importancePanel(experiments.importance.find((i) => i.metric === state.metric), state.metric));
  });

  filterBox.addEventListener('input', () => {
    state.filter = filterBox.value;
    render.invalidate();
  });
  metricSelect.addEventListener('change', () => {
    state.metric = metricSelect.value;
    render.invalidate();
  });
  store.on(['experiments'], () => render.invalidate());
  return {
    element,
    setActive: (active) => {
      // Asked for the first time the tab opens; the host then refreshes it when runs change.
      if (active && !requested) {
        requested = true;
        postToHost({ type: 'LIST_EXPERIMENTS' });
      }
      render.setActive(active);
    },
  };
}
