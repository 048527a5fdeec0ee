// Anomaly detection: AUROC/AUPRC beside PCA's, the ROC curves with the run's threshold and the best-F1 point, and
// precision/recall/F1 at each threshold.
import type { AnomalyScores, AnomalySection } from '../../../src/protocol/evaluation';
import { h, section } from '../shared/dom';
import { formatCount, formatLoss } from '../shared/format';
import { dataTable } from '../shared/table';
import { formatMetric } from './formatMetric';
import { cardRow, metricCard } from './metricCard';
import { RocChart, type RocMarker } from './rocChart';
import { curvePoints, operatingPoint } from './rocData';

const THRESHOLD_COLOR: [string, string] = ['--vscode-charts-red', '#f14c4c'];
const BEST_F1_COLOR: [string, string] = ['--vscode-charts-green', '#89d185'];

export function anomalySection(a: AnomalySection): { element: HTMLElement; chart: RocChart } {
  const fraction = { unit: 'fraction' as const, higherIsBetter: true };
  const cards = cardRow(
    metricCard({ key: 'auroc', name: 'AUROC', ...fraction }, a.model.auroc, [{ name: 'PCA', value: a.pca?.auroc }]),
    metricCard({ key: 'auprc', name: 'AUPRC', ...fraction }, a.model.auprc, [{ name: 'PCA', value: a.pca?.auprc }]),
    a.model.atThreshold ? metricCard({ key: 'f1', name: 'F1 at the run threshold', ...fraction }, a.model.atThreshold.f1, [{ name: 'PCA', value: a.pca?.atThreshold?.f1 }]) : null,
    metricCard({ key: 'best-f1', name: 'Best F1', ...fraction }, a.model.bestF1.f1, [{ name: 'PCA', value: a.pca?.bestF1.f1 }]),
  );
  const at = (m: Parameters<typeof operatingPoint>[0]) => operatingPoint(m, a.normalCount, a.anomalyCount);
  const markers: RocMarker[] = [
    ...(a.model.atThreshold ? [{ label: 'run threshold', point: at(a.model.atThreshold), color: THRESHOLD_COLOR }] : []),
    { label: 'best F1', point: at(a.model.bestF1), color: BEST_F1_COLOR },
  ];
  const curves = [{ label: `model (AUROC ${formatMetric(a.model.auroc, 'fraction')})`, points: curvePoints(a.model.roc) }, ...(a.pca ? [{ label: `PCA (AUROC ${formatMetric(a.pca.auroc, 'fraction')})`, points: curvePoints(a.pca.roc), dash: [6, 4] }] : [])];
  const described = markers.map((m) => `${m.label} at FPR ${m.point.fpr.toFixed(2)}, TPR ${m.point.tpr.toFixed(2)}`).join('; ');
  const chartElement = h('div', { className: 'chart roc', attrs: { role: 'img', 'aria-label': `ROC curves: ${curves.map((c) => c.label).join(', ')}; ${described}` } });
  const chart = new RocChart(chartElement, curves, markers);
  const about = h('p', {
    className: 'section-note',
    text: `Normal: ${a.normalLabels.join(', ')} (${formatCount(a.normalCount)} samples); anomalies: every other label (${formatCount(a.anomalyCount)}). Score: per-sample ${a.metric.toUpperCase()}.`,
  });
  return { element: section('Anomaly detection', about, cards, h('h4', { className: 'subsection-title', text: 'ROC curve' }), chartElement, thresholdTable(a.model, a.pca)), chart };
}

function thresholdTable(model: AnomalyScores, pca: AnomalyScores | null): HTMLElement {
  const row = (name: string, m: AnomalyScores['bestF1'] | null) => (m ? [name, formatLoss(m.threshold), formatMetric(m.precision, 'fraction'), formatMetric(m.recall, 'fraction'), formatMetric(m.f1, 'fraction'), formatCount(m.flagged)] : null);
  const rows = [row('model · run threshold', model.atThreshold), row('model · best F1', model.bestF1), row('PCA · its threshold', pca?.atThreshold ?? null), row('PCA · best F1', pca?.bestF1 ?? null)].filter((r): r is string[] => r !== null);
  return dataTable(['Scorer · threshold', 'Threshold', 'Precision', 'Recall', 'F1', 'Flagged'], rows, 'threshold-table', 0.28);
}
