// Binary cross-entropy is only defined for targets in [0, 1]: with pixels in 0..255 it goes negative without bound and
// a run "completes" with a loss of -233 that means nothing. So data that BCE will see is checked here, after loading:
// with data.normalization "auto" it is scaled into [0, 1] (and the run log says so); a normalization the user chose
// that leaves it outside is refused before training, naming both fields.
import type { DataConfig, TrainingConfig } from '../../protocol/experiment';
import { InputError } from '../../protocol/errors';
import { sampleSize, type Dataset } from './dataset';
import { normalizeFeatures } from './normalizeFeatures';

export function fitToLoss(dataset: Dataset, config: Pick<DataConfig, 'normalization'>, loss: TrainingConfig['loss'], experimentFile: string): Dataset {
  if (loss !== 'bce') return dataset;
  const setting = config.normalization;
  if (dataset.stream) {
    // Streamed images are 8-bit: divided by 255 they fit, raw ("none") they span 0..255.
    if (dataset.normalization.kind === 'none') throw outOfRange(setting, '[0, 255] (8-bit pixels)', experimentFile);
    return dataset;
  }
  const { min, max } = valueRange(dataset.x);
  if (min >= 0 && max <= 1) return dataset;
  const span = `[${round(min)}, ${round(max)}]`;
  if (setting !== 'auto' || dataset.normalization.kind !== 'none') throw outOfRange(setting, span, experimentFile);
  // Non-negative data (pixels as floats) is divided by its maximum, which keeps 0 at 0 and exports as a plain scale.
  const request = min >= 0 ? ({ kind: 'scale', divisor: max } as const) : ({ kind: 'minmax' } as const);
  const normalization = normalizeFeatures(dataset.x, dataset.count, sampleSize(dataset), request);
  const how = request.kind === 'scale' ? `divided them by ${round(max)}` : 'min-max scaled each feature';
  const note = `data.normalization "auto": the values span ${span} but training.loss "bce" needs them in [0, 1], so it ${how}; use training.loss "mse" to train on the values as they are`;
  return { ...dataset, normalization, notes: [...dataset.notes, note] };
}

function outOfRange(setting: DataConfig['normalization'], span: string, file: string): InputError {
  return new InputError(
    `"bce" needs targets in [0, 1], but with data.normalization "${setting}" the data spans ${span}; set data.normalization to "minmax" (or "auto") to scale it, or training.loss to "mse"`,
    { file, field: 'training.loss' },
  );
}

function valueRange(x: Float32Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

function round(value: number): number {
  return Number(value.toPrecision(6));
}
