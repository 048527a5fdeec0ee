import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { MAX_ROC_POINTS } from '../../../../src/protocol/evaluation';
import { anomalyScores } from '../../../../src/trainer/evaluate/metrics/anomalyMetrics';

/** AUROC as the Mann–Whitney U statistic over n₊n₋ pairs, ties counted 1/2: the independent computation. */
function mannWhitneyAuroc(scores: number[], positive: number[]): number {
  let u = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!positive[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (positive[j]) continue;
      pairs++;
      if (scores[i] > scores[j]) u += 1;
      else if (scores[i] === scores[j]) u += 0.5;
    }
  }
  return u / pairs;
}

describe('anomalyScores', () => {
  it('matches the scikit-learn documentation example (AP 0.8333, AUROC 0.75)', () => {
    const result = anomalyScores([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], null);
    expect(result.auprc).toBeCloseTo(0.8333333333, 9);
    expect(result.auroc).toBeCloseTo(0.75, 12);
    expect(result.atThreshold).toBeNull();
    // scikit-learn's roc_curve (drop_intermediate=False) on the same data.
    expect(result.roc.fpr).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(result.roc.tpr).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(result.roc.thresholds).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
  });

  it('is 1 everywhere for perfect separation, best F1 at a threshold between the groups', () => {
    const result = anomalyScores([0.1, 0.2, 0.3, 0.9, 0.95], [0, 0, 0, 1, 1], 0.5);
    expect(result.auroc).toBe(1);
    expect(result.auprc).toBe(1);
    expect(result.bestF1).toEqual({ threshold: 0.3, precision: 1, recall: 1, f1: 1, flagged: 2 });
    expect(result.atThreshold).toEqual({ threshold: 0.5, precision: 1, recall: 1, f1: 1, flagged: 2 });
  });

  it('counts precision, recall and F1 at the given threshold (flagged when score > threshold)', () => {
    const result = anomalyScores([1, 2, 3, 4, 5, 6], [0, 1, 0, 1, 0, 1], 3);
    // Flagged: 4, 5, 6 -> two anomalies of three flagged, two of three anomalies found.
    expect(result.atThreshold).toEqual({ threshold: 3, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, flagged: 3 });
  });

  it('equals the Mann–Whitney U statistic, ties included', () => {
    const random = seedrandom('mw');
    const scores = Array.from({ length: 300 }, () => Math.round(random() * 20) / 20);
    const positive = scores.map((s) => (random() < 0.3 + 0.4 * s ? 1 : 0));
    expect(anomalyScores(scores, positive, null).auroc).toBeCloseTo(mannWhitneyAuroc(scores, positive), 12);
  });

  it('gives AUROC ≈ 0.5 for random scores, and thins the curve keeping its ends', () => {
    const random = seedrandom('random-scores');
    const n = 20_000;
    const scores = Array.from({ length: n }, () => random());
    const positive = Array.from({ length: n }, () => (random() < 0.2 ? 1 : 0));
    const result = anomalyScores(scores, positive, null);
    expect(Math.abs(result.auroc - 0.5)).toBeLessThan(0.02);
    expect(result.roc.fpr).toHaveLength(MAX_ROC_POINTS);
    expect(result.roc.thresholds[0]).toBe(Infinity);
    expect([result.roc.fpr[0], result.roc.tpr[0]]).toEqual([0, 0]);
    expect([result.roc.fpr.at(-1), result.roc.tpr.at(-1)]).toEqual([1, 1]);
    for (let i = 1; i < MAX_ROC_POINTS; i++) expect(result.roc.thresholds[i]).toBeLessThan(result.roc.thresholds[i - 1]);
  });

  it('picks the best-F1 threshold among all cut points, flagging everything when that is best', () => {
    // All scores tied: the only useful cut flags everything (precision 0.5, recall 1).
    const result = anomalyScores([1, 1, 1, 1], [0, 1, 0, 1], null);
    expect(result.auroc).toBe(0.5);
    expect(result.bestF1.flagged).toBe(4);
    expect(result.bestF1.f1).toBeCloseTo(2 / 3, 12);
    expect(result.bestF1.threshold).toBeLessThan(1);
  });

  it('refuses inputs without positives or without negatives, naming the problem', () => {
    expect(() => anomalyScores([1, 2], [0, 0], null)).toThrow(/none of the 2 samples is an anomaly/);
    expect(() => anomalyScores([1, 2], [true, true], null)).toThrow(/no normal samples/);
    expect(() => anomalyScores([1, NaN], [0, 1], null)).toThrow(/score 1 is NaN/);
  });
});
