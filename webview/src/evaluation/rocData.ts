// The ROC chart's data: every curve and operating point on one sorted x axis (uPlot shares x between series).
import type { ThresholdMetrics } from '../../../src/protocol/evaluation';

export interface RocPoint {
  fpr: number;
  tpr: number;
}

/** Where a threshold sits on the ROC curve, from its counts: recall is the TPR, the flagged normals give the FPR. */
export function operatingPoint(metrics: ThresholdMetrics, normalCount: number, anomalyCount: number): RocPoint {
  const falsePositives = metrics.flagged - metrics.recall * anomalyCount;
  return { fpr: normalCount > 0 ? Math.min(1, Math.max(0, falsePositives / normalCount)) : 0, tpr: metrics.recall };
}

/** One row per point of every series; a series is null on the other series' rows (lines span those gaps). */
export function alignSeries(series: RocPoint[][]): { x: number[]; ys: (number | null)[][] } {
  // Sorting by FPR then TPR keeps each curve in its own order: a ROC curve never decreases in either.
  const rows = series.flatMap((points, s) => points.map((p) => ({ s, ...p }))).sort((a, b) => a.fpr - b.fpr || a.tpr - b.tpr);
  return { x: rows.map((r) => r.fpr), ys: series.map((_, s) => rows.map((r) => (r.s === s ? r.tpr : null))) };
}

export function curvePoints(roc: { fpr: number[]; tpr: number[] }): RocPoint[] {
  return roc.fpr.map((fpr, i) => ({ fpr, tpr: roc.tpr[i] }));
}
