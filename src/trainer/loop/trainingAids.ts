// The training aids of one run, epoch by epoch: the learning rate and KL weight each epoch trains with, which epoch is
// the best so far (its weights are kept), and when early stopping ends the run. On resume the state is rebuilt by
// replaying the metrics of the epochs already done, so a resumed run continues its schedule and its patience.
import type { Monitor, TrainingConfig } from '../../protocol/experiment';
import type { EpochMetrics, StoppedEarly } from '../../protocol/trainerMessages';
import { monitoredValue, PlateauWatch } from './plateau';
import { scheduledKlWeight, scheduledLearningRate } from './schedules';

/** What one epoch trains with; the replica threads get the same values at each epoch's sync. */
export interface EpochSettings {
  learningRate: number;
  /** VAE kinds: the weight of the KL term this epoch. */
  klWeight?: number;
}

/** The epoch with the best watched value so far. */
export interface BestEpoch {
  epoch: number;
  monitor: Monitor;
  value: number;
}

export interface EpochVerdict {
  /** This epoch is the best so far by the watched value: keep its weights. */
  improved: boolean;
  /** Early stopping ends the run after this epoch. */
  stop?: StoppedEarly;
}

export interface AidsOptions {
  training: TrainingConfig;
  /** The run's last epoch (training.epochs after overrides): cosine decays over it, klCycle divides it. */
  epochs: number;
  /** The VAE's full KL weight (model.beta or the kind's default); undefined for kinds without a KL term. */
  beta: number | undefined;
  hasValidation: boolean;
  /** Metrics of the epochs already done (resume), oldest first. */
  history: EpochMetrics[];
  onLog?: (level: 'info' | 'warn', message: string) => void;
}

export class TrainingAids {
  private readonly best: PlateauWatch;
  private readonly earlyStop: PlateauWatch | undefined;
  private readonly plateauLr: PlateauWatch | undefined;
  private reducedLearningRate: number;

  constructor(private readonly options: AidsOptions) {
    const { training, hasValidation, onLog } = options;
    const { earlyStopping, lrSchedule } = training;
    const watched = (field: string, monitor: Monitor): Monitor => {
      if (monitor !== 'val_loss' || hasValidation) return monitor;
      onLog?.('info', `${field}: the run has no validation set, so it watches loss instead of val_loss`);
      return 'loss';
    };
    this.earlyStop = earlyStopping && new PlateauWatch(watched('training.earlyStopping.monitor', earlyStopping.monitor), earlyStopping.minDelta);
    this.plateauLr = lrSchedule?.type === 'reduceOnPlateau' ? new PlateauWatch(watched('training.lrSchedule.monitor', lrSchedule.monitor), lrSchedule.minDelta) : undefined;
    // The best model is the one early stopping judges by; without early stopping, the lowest val_loss (else loss).
    this.best = this.earlyStop ?? new PlateauWatch(hasValidation ? 'val_loss' : 'loss', 0);
    this.reducedLearningRate = training.learningRate;
    options.history.forEach((metrics) => this.afterEpoch(metrics));
  }

  /** What `epoch` trains with. */
  settingsFor(epoch: number): EpochSettings {
    const { training, epochs, beta } = this.options;
    const learningRate = this.plateauLr ? this.reducedLearningRate : scheduledLearningRate(training.lrSchedule, training.learningRate, epoch, epochs);
    return beta === undefined ? { learningRate } : { learningRate, klWeight: scheduledKlWeight(training, beta, epoch, epochs) };
  }

  /** Records a finished epoch's metrics. */
  afterEpoch(metrics: EpochMetrics): EpochVerdict {
    // Under a KL warm-up or cycle, an epoch trained and validated with a KL weight below full β reports a loss with a
    // smaller KL term: not comparable with the others, it can neither be the best nor use up early stopping's patience.
    if (!this.atFullKlWeight(metrics.epoch)) return { improved: false };
    this.reduceOnPlateau(metrics);
    const improved = this.best.observe(metrics.epoch, monitoredValue(metrics, this.best.monitor));
    const patience = this.options.training.earlyStopping?.patience;
    if (!this.earlyStop || patience === undefined || this.earlyStop.wait < patience) return { improved };
    return { improved, stop: { epoch: metrics.epoch, monitor: this.earlyStop.monitor, best: this.earlyStop.best!, bestEpoch: this.earlyStop.bestEpoch! } };
  }

  private atFullKlWeight(epoch: number): boolean {
    const { beta } = this.options;
    const weight = this.settingsFor(epoch).klWeight;
    return beta === undefined || weight === undefined || weight >= beta * (1 - 1e-9);
  }

  /** The best epoch so far and its watched value. */
  get bestSoFar(): BestEpoch | undefined {
    const { bestEpoch, best, monitor } = this.best;
    return bestEpoch === null || best === null ? undefined : { epoch: bestEpoch, monitor, value: best };
  }

  /** Whether the run's saved models should be the best epoch's rather than the last one's. */
  get restoresBest(): boolean {
    return this.options.training.earlyStopping?.restoreBest ?? false;
  }

  private reduceOnPlateau(metrics: EpochMetrics): void {
    const schedule = this.options.training.lrSchedule;
    if (!this.plateauLr || schedule?.type !== 'reduceOnPlateau') return;
    this.plateauLr.observe(metrics.epoch, monitoredValue(metrics, this.plateauLr.monitor));
    if (this.plateauLr.wait < schedule.patience) return;
    this.reducedLearningRate = Math.max(this.reducedLearningRate * schedule.factor, schedule.minLearningRate);
    this.plateauLr.wait = 0;
  }
}
