// When an adversarial autoencoder's game is lost: the discriminator tells codes from prior samples almost perfectly
// and the encoder's generator loss has blown up, so its gradient no longer moves the codes towards the prior. Once
// that holds for several epochs in a row, more epochs only train a plain autoencoder with a useless regulariser, so the
// run ends with a message that says so (as a diverged run ends, keeping its last checkpoint).
import type { EpochMetrics } from '../../protocol/trainerMessages';

/** The discriminator is right on at least this share of codes and prior samples... */
export const WON_ACCURACY = 0.99;
/** ...while the generator loss -log D(code) is at least this (D(code) <= e^-5, about 0.7 %)... */
export const EXPLODED_GENERATOR_LOSS = 5;
/** ...for this many epochs in a row. A resumed run starts counting again. */
export const LOST_EPOCHS = 3;

/** A per-run judge: after each epoch, the message that ends the run, or undefined while the game goes on. */
export function discriminatorVerdict(): (metrics: EpochMetrics, discriminatorLearningRate: number) => string | undefined {
  let streak = 0;
  return (metrics, discriminatorLearningRate) => {
    const accuracy = metrics.disc_accuracy;
    const generatorLoss = metrics.gen_loss;
    const lost = typeof accuracy === 'number' && typeof generatorLoss === 'number' && accuracy >= WON_ACCURACY && generatorLoss >= EXPLODED_GENERATOR_LOSS;
    streak = lost ? streak + 1 : 0;
    if (streak < LOST_EPOCHS) return undefined;
    return (
      `the discriminator won outright: for ${LOST_EPOCHS} epochs in a row (to epoch ${metrics.epoch}) it told codes from prior samples ` +
      `with accuracy >= ${WON_ACCURACY} (now ${accuracy}) while the generator loss stayed >= ${EXPLODED_GENERATOR_LOSS} (now ${generatorLoss}), ` +
      `so the encoder no longer learns to match the prior. Try a lower model.discriminatorLearningRate (now ${discriminatorLearningRate}), ` +
      'a smaller model.discriminator, or a higher training.learningRate'
    );
  };
}
