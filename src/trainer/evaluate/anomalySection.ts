// Anomaly detection by reconstruction error: the normal classes are evaluation.normalLabels (default
// data.includeLabels), every other label is an anomaly (the positive class). The model is judged at the run's own
// threshold (data.json), PCA at its threshold by the same percentile rule.
import type { AnomalyScores, AnomalySection } from '../../protocol/evaluation';
import { isInputError } from '../../protocol/errors';
import type { Experiment } from '../../protocol/experiment';
import type { Dataset } from '../data/dataset';
import { classNames, selectClasses } from '../data/labelSelection';
import { anomalyScores } from './metrics/anomalyMetrics';

export interface Scored {
  errors: Float32Array;
  threshold: number | null;
}

export function anomalySection(
  experiment: Experiment,
  evaluated: Dataset,
  scored: { loss: AnomalySection['metric']; model: Scored; pca: Scored | null },
  notes: string[],
): AnomalySection | null {
  const fromConfig = experiment.evaluation.normalLabels;
  const normalLabels = fromConfig ?? experiment.data.includeLabels;
  if (!evaluated.labels) {
    notes.push('anomaly: the evaluated samples have no labels');
    return null;
  }
  if (!normalLabels) {
    notes.push('anomaly: no normal labels (set evaluation.normalLabels, or train one-class with data.includeLabels)');
    return null;
  }
  const field = fromConfig ? 'evaluation.normalLabels' : 'data.includeLabels';
  let normal: Set<number>;
  try {
    normal = selectClasses(evaluated, normalLabels, field);
  } catch (error) {
    if (!isInputError(error)) throw error;
    notes.push(`anomaly: ${error.message}`);
    return null;
  }
  const labels = evaluated.labels;
  const isAnomaly = Uint8Array.from(labels, (label) => (normal.has(label) ? 0 : 1));
  const anomalyCount = isAnomaly.reduce((sum, v) => sum + v, 0);
  const normalCount = labels.length - anomalyCount;
  if (anomalyCount === 0 || normalCount === 0) {
    notes.push(`anomaly: the evaluated samples are all ${anomalyCount === 0 ? 'normal' : 'anomalies'} (${field}), so there is nothing to separate`);
    return null;
  }
  const score = ({ errors, threshold }: Scored): AnomalyScores => anomalyScores(errors, isAnomaly, threshold);
  if (scored.model.threshold === null) notes.push('anomaly: the run has no threshold (data.json), so the model has no atThreshold row');
  const names = classNames(evaluated);
  return {
    metric: scored.loss,
    normalLabels: [...normal].sort((a, b) => a - b).map((id) => names[id]),
    normalCount,
    anomalyCount,
    model: score(scored.model),
    pca: scored.pca ? score(scored.pca) : null,
  };
}
