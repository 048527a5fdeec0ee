// Per-epoch values that follow a formula of the epoch number alone (1-based): step and cosine learning rates and
// the VAE's KL weight under warm-up or cyclical annealing. Reduce-on-plateau depends on the losses (trainingAids.ts).
import type { LrScheduleConfig, TrainingConfig } from '../../protocol/experiment';

/** The learning rate of `epoch` for the formula schedules; reduceOnPlateau starts at the base rate. */
export function scheduledLearningRate(schedule: LrScheduleConfig | undefined, base: number, epoch: number, epochs: number): number {
  switch (schedule?.type) {
    case undefined:
    case 'reduceOnPlateau':
      return base;
    case 'step':
      return base * schedule.factor ** Math.floor((epoch - 1) / schedule.every);
    case 'cosine': {
      const { warmupEpochs, minLearningRate } = schedule;
      if (epoch <= warmupEpochs) return (base * epoch) / warmupEpochs;
      // Epoch warmupEpochs + 1 runs at the base rate; the curve would reach minLearningRate one epoch after the last.
      const progress = (epoch - warmupEpochs - 1) / Math.max(1, epochs - warmupEpochs);
      return minLearningRate + ((base - minLearningRate) * (1 + Math.cos(Math.PI * progress))) / 2;
    }
  }
}

/** The KL weight of `epoch`: `beta` itself unless training.klWarmup or training.klCycle reshape it. */
export function scheduledKlWeight({ klWarmup, klCycle }: Pick<TrainingConfig, 'klWarmup' | 'klCycle'>, beta: number, epoch: number, epochs: number): number {
  if (klWarmup !== undefined) return beta * Math.min(1, (epoch - 1) / klWarmup);
  if (klCycle !== undefined) {
    // Fu et al. 2019: tau is the position inside the current cycle, in [0, 1); the weight rises over the first `ratio` of it.
    const period = epochs / klCycle.cycles;
    const tau = ((epoch - 1) % Math.ceil(period)) / period;
    return beta * Math.min(1, tau / klCycle.ratio);
  }
  return beta;
}
