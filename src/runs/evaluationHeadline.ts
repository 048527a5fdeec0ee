// The few evaluation numbers the Compare view tabulates per run, each beside its baseline, from a run's evaluation.json.
// Also the evaluation columns of sweep.json (src/sweep/sweepRecorder.ts).
import type { EvaluationHeadline, HeadlineMetric } from '../protocol/dashboardMessages';
import type { Evaluation } from '../protocol/evaluation';
import { isInputError } from '../protocol/errors';
import { readEvaluation } from './evaluationFile';

/** The run's headline numbers; null when it has no evaluation.json or the file is damaged (Compare still shows the run). */
export function readEvaluationHeadline(runDir: string): EvaluationHeadline | null {
  try {
    const evaluation = readEvaluation(runDir);
    return evaluation ? evaluationHeadline(evaluation) : null;
  } catch (error) {
    if (isInputError(error)) return null;
    throw error;
  }
}

export function evaluationHeadline(e: Evaluation): EvaluationHeadline {
  const { model, pca } = e.reconstruction;
  const headline: EvaluationHeadline = {
    psnr: metric(model.psnr, pca?.psnr),
    ssim: metric(model.ssim, pca?.ssim),
    mse: metric(model.mse, pca?.mse),
  };
  if (e.anomaly) {
    headline.auroc = metric(e.anomaly.model.auroc, e.anomaly.pca?.auroc);
    headline.auprc = metric(e.anomaly.model.auprc, e.anomaly.pca?.auprc);
  }
  if (e.features) {
    const { codes, raw } = e.features;
    headline.knnAccuracy = metric(codes.knnAccuracy, raw.knnAccuracy);
    headline.probeAccuracy = metric(codes.linearProbeAccuracy, raw.linearProbeAccuracy);
    headline.nmi = metric(codes.kmeansNmi, raw.kmeansNmi);
  }
  if (e.vae) {
    headline.nll = metric(e.vae.nll.value, null);
    headline.activeUnits = { value: e.vae.activeUnits.count, baseline: null, of: e.vae.activeUnits.total };
  }
  // Drop the metrics this run lacks (no PSNR/SSIM for tables), so the column appears only when some run has it.
  return Object.fromEntries(Object.entries(headline).filter(([, value]) => value !== undefined)) as EvaluationHeadline;
}

function metric(value: number | null, baseline: number | null | undefined): HeadlineMetric | undefined {
  return value === null ? undefined : { value, baseline: baseline ?? null };
}
