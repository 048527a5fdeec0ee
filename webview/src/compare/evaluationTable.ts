// The compared runs' evaluation headline numbers: one column per metric some run has, each cell with its baseline,
// the best value per column marked.
import type { Comparison, HeadlineKey, HeadlineMetric } from '../../../src/protocol/dashboardMessages';
import { h } from '../shared/dom';
import { formatMetric, type MetricUnit } from '../evaluation/formatMetric';

interface Column {
  label: string;
  unit: MetricUnit;
  higherIsBetter: boolean;
  /** What the baseline value is, when the metric has one. */
  baseline?: 'PCA' | 'raw';
}

const COLUMNS: Record<HeadlineKey, Column> = {
  psnr: { label: 'PSNR', unit: 'dB', higherIsBetter: true, baseline: 'PCA' },
  ssim: { label: 'SSIM', unit: 'fraction', higherIsBetter: true, baseline: 'PCA' },
  mse: { label: 'MSE', unit: 'loss', higherIsBetter: false, baseline: 'PCA' },
  auroc: { label: 'AUROC', unit: 'fraction', higherIsBetter: true, baseline: 'PCA' },
  auprc: { label: 'AUPRC', unit: 'fraction', higherIsBetter: true, baseline: 'PCA' },
  knnAccuracy: { label: 'kNN acc.', unit: 'fraction', higherIsBetter: true, baseline: 'raw' },
  probeAccuracy: { label: 'Probe acc.', unit: 'fraction', higherIsBetter: true, baseline: 'raw' },
  nmi: { label: 'NMI', unit: 'fraction', higherIsBetter: true, baseline: 'raw' },
  nll: { label: 'NLL', unit: 'nats', higherIsBetter: false },
  // More active units: more of the code carries information.
  activeUnits: { label: 'Active units', unit: 'count', higherIsBetter: true },
};

/** null when no compared run has an evaluation. */
export function evaluationTable(comparison: Comparison, labels: string[]): HTMLElement | null {
  const keys = (Object.keys(COLUMNS) as HeadlineKey[]).filter((key) => comparison.runs.some((run) => run.evaluation?.[key]));
  if (!keys.length) return null;
  const best = new Map(keys.map((key) => [key, bestValue(comparison.runs.map((run) => run.evaluation?.[key]?.value), COLUMNS[key].higherIsBetter)]));
  const table = h('vscode-table', { className: 'evaluation-table', attrs: { zebra: '', 'bordered-columns': '', resizable: '' } });
  table.columns = ['16%', ...keys.map(() => `${84 / keys.length}%`)];
  const header = h('vscode-table-header', { attrs: { slot: 'header' } }, h('vscode-table-header-cell', { text: 'Run' }), ...keys.map((key) => h('vscode-table-header-cell', { text: COLUMNS[key].label, attrs: { 'data-column': key } })));
  const rows = comparison.runs.map((run, i) =>
    h(
      'vscode-table-row',
      {},
      h('vscode-table-cell', { text: labels[i], title: labels[i] }),
      ...keys.map((key) => {
        const metric = run.evaluation?.[key];
        const isBest = metric !== undefined && comparison.runs.length > 1 && metric.value === best.get(key);
        const column = COLUMNS[key];
        if (!metric) return h('vscode-table-cell', { text: '—', attrs: { 'data-column': key } });
        // The baseline on a second line: the cells stay narrow enough for ten columns.
        return h(
          'vscode-table-cell',
          { className: isBest ? 'best-value' : '', attrs: { 'data-column': key } },
          h('span', { className: 'evaluation-value', text: valueText(metric, column) }),
          isBest ? h('span', { className: 'best-mark', text: ' ★', title: 'best of the compared runs' }) : null,
          metric.baseline !== null ? h('span', { className: 'evaluation-baseline', text: `${column.baseline} ${formatMetric(metric.baseline, column.unit)}` }) : null,
        );
      }),
    ),
  );
  table.append(header, h('vscode-table-body', { attrs: { slot: 'body' } }, ...rows));
  return table;
}

function valueText(metric: HeadlineMetric, column: Column): string {
  return metric.of !== undefined ? `${metric.value} / ${metric.of}` : formatMetric(metric.value, column.unit);
}

function bestValue(values: (number | undefined)[], higherIsBetter: boolean): number | undefined {
  const present = values.filter((v): v is number => v !== undefined && !Number.isNaN(v));
  if (!present.length) return undefined;
  return higherIsBetter ? Math.max(...present) : Math.min(...present);
}
