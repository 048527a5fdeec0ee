// The experiment's training aids as Keras callbacks: EarlyStopping, LearningRateScheduler (step, cosine) or
// ReduceLROnPlateau, and global_clipnorm on the optimizer. KL warm-up and cycles are not exported (see NOT_EXPORTED).
import type { TrainingConfig } from '../../protocol/experiment';
import { pythonLiteral } from '../python/pythonLiteral';

export interface CallbacksSection {
  imports: string[];
  constants: string[];
  /** Python: `make_callbacks(has_validation)` and what it needs. */
  code: string;
  /** Extra keyword arguments of the optimizer, e.g. `, global_clipnorm=CLIP_NORM`. */
  optimizerArguments: string;
}

const py = pythonLiteral;

export function callbacksSection(training: TrainingConfig): CallbacksSection {
  const { earlyStopping, lrSchedule, clipNorm } = training;
  const constants: string[] = [];
  const made: string[] = [];
  const helpers: string[] = [];
  if (earlyStopping) {
    constants.push(`EARLY_STOPPING = ${py({ monitor: earlyStopping.monitor, patience: earlyStopping.patience, min_delta: earlyStopping.minDelta, restore_best_weights: earlyStopping.restoreBest })}  # training.earlyStopping`);
    made.push('keras.callbacks.EarlyStopping(**dict(EARLY_STOPPING, monitor=watched(EARLY_STOPPING["monitor"])))');
  }
  if (lrSchedule?.type === 'reduceOnPlateau') {
    const { monitor, factor, patience, minDelta, minLearningRate } = lrSchedule;
    constants.push(`REDUCE_ON_PLATEAU = ${py({ monitor, factor, patience, min_delta: minDelta, min_lr: minLearningRate })}  # training.lrSchedule`);
    made.push('keras.callbacks.ReduceLROnPlateau(**dict(REDUCE_ON_PLATEAU, monitor=watched(REDUCE_ON_PLATEAU["monitor"])))');
  } else if (lrSchedule) {
    constants.push(`LR_SCHEDULE = ${py(lrSchedule)}  # training.lrSchedule`);
    helpers.push(SCHEDULED_LEARNING_RATE);
    // Keras counts epochs from 0, the experiment from 1.
    made.push('keras.callbacks.LearningRateScheduler(lambda epoch, lr: scheduled_learning_rate(epoch + 1, EPOCHS))');
  }
  if (clipNorm !== undefined) constants.push(`CLIP_NORM = ${py(clipNorm)}  # training.clipNorm: the global gradient norm is clipped to it`);
  const notExported = training.klWarmup !== undefined || training.klCycle !== undefined ? `\n${NOT_EXPORTED}` : '';
  const code = `${helpers.join('\n\n\n')}${helpers.length ? '\n\n\n' : ''}def make_callbacks(has_validation):
    """The experiment's training aids as Keras callbacks; without a validation set they watch "loss"."""${notExported}
    watched = lambda monitor: monitor if has_validation or monitor != "val_loss" else "loss"  # noqa: E731
    return [${made.length ? `\n${made.map((line) => `        ${line},`).join('\n')}\n    ` : ''}]`;
  return { imports: helpers.length ? ['math'] : [], constants, code, optimizerArguments: clipNorm !== undefined ? ', global_clipnorm=CLIP_NORM' : '' };
}

// The same formulas as src/trainer/loop/schedules.ts, epoch counted from 1.
export const SCHEDULED_LEARNING_RATE = `def scheduled_learning_rate(epoch, epochs):
    """training.lrSchedule: "step" decay, or "cosine" annealing after a linear warm-up."""
    if LR_SCHEDULE["type"] == "step":
        return LEARNING_RATE * LR_SCHEDULE["factor"] ** ((epoch - 1) // LR_SCHEDULE["every"])
    warmup, floor = LR_SCHEDULE["warmupEpochs"], LR_SCHEDULE["minLearningRate"]
    if epoch <= warmup:
        return LEARNING_RATE * epoch / warmup
    progress = (epoch - warmup - 1) / max(1, epochs - warmup)
    return floor + (LEARNING_RATE - floor) * (1 + math.cos(math.pi * progress)) / 2`;

const NOT_EXPORTED = `    # Not exported: training.klWarmup / training.klCycle. The loss below weighs the KL term by the constant BETA;
    # scheduling it needs BETA as a tf.Variable set by a callback at each epoch's start.`;
