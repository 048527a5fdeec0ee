// How well anomaly scores separate anomalies (positives) from normal samples: the ROC curve, AUROC, average precision
// (AUPRC) and precision/recall/F1 at a threshold, computed as scikit-learn does (roc_curve, roc_auc_score,
// average_precision_score) so the numbers compare with the literature.
import { MAX_ROC_POINTS, type AnomalyScores, type RocCurve, type ThresholdMetrics } from '../../../protocol/evaluation';

interface Point {
  /** The ROC point counts scores >= threshold as flagged (scikit-learn's roc_curve convention). */
  threshold: number;
  fp: number;
  tp: number;
}

/** scores: higher = more anomalous; isAnomaly: 1 for positives. threshold: the scorer's own (null: atThreshold null). */
export function anomalyScores(scores: ArrayLike<number>, isAnomaly: ArrayLike<number | boolean>, threshold: number | null): AnomalyScores {
  const n = scores.length;
  if (isAnomaly.length !== n) throw new Error(`anomaly scores (${n}) and labels (${isAnomaly.length}) must have the same length`);
  const positive = Array.from(isAnomaly, (v) => v === true || v === 1);
  const positives = positive.filter(Boolean).length;
  const negatives = n - positives;
  if (positives === 0) throw new Error(`cannot score anomaly detection: none of the ${n} samples is an anomaly`);
  if (negatives === 0) throw new Error(`cannot score anomaly detection: all ${n} samples are anomalies (no normal samples)`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scores[i])) throw new Error(`anomaly score ${i} is ${scores[i]}; expected a finite number`);
  }

  const points = rocPoints(scores, positive);
  let auroc = 0;
  let auprc = 0;
  // Start from flagging nothing (scores > the highest score); any threshold that finds an anomaly beats its F1 of 0.
  let best = thresholdMetrics(points[1].threshold, 0, 0, positives);
  for (let k = 1; k < points.length; k++) {
    const { fp, tp } = points[k];
    const previous = points[k - 1];
    // Trapezoid between consecutive points: a tie block moves FPR and TPR together, which counts tied pairs as 1/2.
    auroc += ((fp - previous.fp) / negatives) * ((tp + previous.tp) / (2 * positives));
    // Average precision: Σ (R_k − R_{k−1}) P_k, a step function with no interpolation.
    auprc += ((tp - previous.tp) / positives) * (tp / (tp + fp));
    // Flagging scores >= points[k].threshold is flagging scores > the next lower distinct score.
    const next = k + 1 < points.length ? points[k + 1].threshold : below(points[k].threshold);
    const candidate = thresholdMetrics(next, tp, fp, positives);
    if (candidate.f1 > best.f1) best = candidate;
  }

  return {
    auroc: clamp01(auroc),
    auprc: clamp01(auprc),
    roc: thin(points, positives, negatives),
    atThreshold: threshold === null ? null : countAt(scores, positive, threshold, positives),
    bestF1: best,
  };
}

/** (0, 0) at +Infinity, then one point per distinct score, descending, ending at (negatives, positives). */
function rocPoints(scores: ArrayLike<number>, positive: boolean[]): Point[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const points: Point[] = [{ threshold: Infinity, fp: 0, tp: 0 }];
  let fp = 0;
  let tp = 0;
  for (let k = 0; k < order.length; k++) {
    if (positive[order[k]]) tp++;
    else fp++;
    const last = k === order.length - 1 || scores[order[k + 1]] !== scores[order[k]];
    if (last) points.push({ threshold: scores[order[k]], fp, tp });
  }
  return points;
}

/** A number a little below t, so "score > it" flags every score >= t (t is the smallest score). */
function below(t: number): number {
  return t - Math.max(1, Math.abs(t)) * 1e-9;
}

function thresholdMetrics(threshold: number, tp: number, fp: number, positives: number): ThresholdMetrics {
  const flagged = tp + fp;
  const precision = flagged === 0 ? 0 : tp / flagged;
  const recall = tp / positives;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, precision, recall, f1, flagged };
}

function countAt(scores: ArrayLike<number>, positive: boolean[], threshold: number, positives: number): ThresholdMetrics {
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] > threshold) {
      if (positive[i]) tp++;
      else fp++;
    }
  }
  return thresholdMetrics(threshold, tp, fp, positives);
}

/** At most MAX_ROC_POINTS points, evenly spaced along the curve, the first (0, 0) and last (1, 1) kept. */
function thin(points: Point[], positives: number, negatives: number): RocCurve {
  const keep =
    points.length <= MAX_ROC_POINTS
      ? points
      : Array.from({ length: MAX_ROC_POINTS }, (_, i) => points[Math.round((i * (points.length - 1)) / (MAX_ROC_POINTS - 1))]);
  return {
    fpr: keep.map((p) => p.fp / negatives),
    tpr: keep.map((p) => p.tp / positives),
    thresholds: keep.map((p) => p.threshold),
  };
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
