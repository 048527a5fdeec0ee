// Compare: pick runs from the runs folder, overlay their validation loss, and tabulate results and setting changes.
import type { Comparison } from '../../../src/protocol/dashboardMessages';
import { button, emptyNote, h, replaceChildren, section } from '../shared/dom';
import { LazyRender } from '../shared/lazyRender';
import { LineChart } from '../shared/lineChart';
import { labelColor } from '../shared/theme';
import type { Store } from '../store';
import type { View } from '../app/view';
import { postToHost } from '../vscode';
import { configDiffTable, finalMetricsTable, runLabels } from './compareTables';
import { evaluationTable } from './evaluationTable';
import { renderRunPicker } from './runPicker';

export function compareView(store: Store): View {
  const picker = h('div', { className: 'run-picker' });
  const refresh = button('Refresh', 'refresh', () => postToHost({ type: 'LIST_RUNS' }), true);
  const chart = new LineChart(h('div', { className: 'chart compare-chart' }), 260);
  const tables = h('div', { className: 'compare-tables' });
  const results = h('div', { className: 'compare-results' }, section('Validation loss', chart.element), tables);
  const element = h('div', { className: 'view compare-view' }, section('Runs', h('div', { className: 'toolbar' }, refresh), picker), results);
  let listed = false;

  const select = (ids: string[]) => {
    store.setUi({ compareIds: ids });
    postToHost({ type: 'COMPARE_RUNS', runIds: ids });
  };
  const renderPicker = new LazyRender(() => renderRunPicker(picker, store.data.runList, store.ui.compareIds, select));
  const render = new LazyRender(() => {
    const comparison = store.data.comparison;
    results.hidden = !comparison?.runs.length;
    if (!comparison?.runs.length) return;
    chart.update(...overlay(comparison), store.ui.prefs.logScale);
    const evaluation = evaluationTable(comparison, runLabels(comparison));
    replaceChildren(
      tables,
      section('Final metrics', finalMetricsTable(comparison)),
      // Its own table: ten more columns would crowd the final metrics out of a panel's width.
      evaluation && section('Evaluation', evaluation),
      section('Settings that differ', comparison.runs.length > 1 ? configDiffTable(comparison) : emptyNote('Pick a second run to see which settings differ.')),
    );
  });
  store.on(['runList', 'compareIds'], () => renderPicker.invalidate());
  store.on(['comparison', 'prefs'], () => render.invalidate());
  return {
    element,
    setActive: (active) => {
      // The run list is fetched the first time the tab opens, then on Refresh or when runs change.
      if (active && !listed) {
        listed = true;
        postToHost({ type: 'LIST_RUNS' });
      }
      renderPicker.setActive(active);
      render.setActive(active);
    },
  };
}

/** All runs' val_loss on one epoch axis (null where a run has no such epoch). */
function overlay(comparison: Comparison): Parameters<LineChart['update']> extends [infer X, infer S, ...unknown[]] ? [X, S] : never {
  const epochs = [...new Set(comparison.runs.flatMap((run) => run.metrics.map((m) => m.epoch)))].sort((a, b) => a - b);
  const labels = runLabels(comparison);
  const series = comparison.runs.map((run, i) => {
    const byEpoch = new Map(run.metrics.map((m) => [m.epoch, m.val_loss]));
    return { label: labels[i], color: labelColor(i), values: epochs.map((e) => byEpoch.get(e) ?? null) };
  });
  return [epochs, series];
}
