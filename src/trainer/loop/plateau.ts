// Watching one epoch value for improvement, shared by early stopping, reduce-on-plateau and the best model kept.
// Pure state that is rebuilt on resume by replaying metrics.jsonl, so nothing of it is stored twice.
import type { Monitor } from '../../protocol/experiment';
import type { EpochMetrics } from '../../protocol/trainerMessages';

export class PlateauWatch {
  best: number | null = null;
  bestEpoch: number | null = null;
  /** Epochs in a row without an improvement. */
  wait = 0;

  constructor(
    readonly monitor: Monitor,
    private readonly minDelta: number,
  ) {}

  /** Records an epoch; true when it improved on the best by more than minDelta (the first epoch always does). */
  observe(epoch: number, value: number): boolean {
    if (this.best === null || value < this.best - this.minDelta) {
      this.best = value;
      this.bestEpoch = epoch;
      this.wait = 0;
      return true;
    }
    this.wait++;
    return false;
  }
}

/** The monitored value of an epoch: val_loss falls back to loss when the run has no validation set. */
export function monitoredValue(metrics: EpochMetrics, monitor: Monitor): number {
  return monitor === 'val_loss' && metrics.val_loss !== null ? metrics.val_loss : metrics.loss;
}
