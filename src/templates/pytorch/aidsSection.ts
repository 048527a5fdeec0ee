// The experiment's training aids in the PyTorch script, as src/trainer/loop/trainingAids.ts applies them: the step or
// cosine learning rate (the Keras export's formula), reduce-on-plateau, early stopping with its best weights kept, and
// for the kinds whose loss weighs a KL term, KL warm-up or cycles (trainer/loop/schedules.ts's scheduledKlWeight).
import type { TrainingConfig } from '../../protocol/experiment';
import { SCHEDULED_LEARNING_RATE } from '../keras/callbacksSection';
import { pythonLiteral } from '../python/pythonLiteral';

export interface AidsSection {
  constants: string[];
  code: string;
}

/** `klWeighted`: the kind's loss weighs a KL term by KL_WEIGHT (lossSection's TorchLoss.klWeighted). */
export function aidsSection({ lrSchedule, earlyStopping, klWarmup, klCycle }: TrainingConfig, klWeighted: boolean): AidsSection {
  const plateau = lrSchedule?.type === 'reduceOnPlateau' ? lrSchedule : undefined;
  const scheduled = lrSchedule && !plateau ? lrSchedule : undefined;
  const klSchedule = klWarmup !== undefined ? { warmup: klWarmup } : klCycle !== undefined ? { cycles: klCycle.cycles, ratio: klCycle.ratio } : null;
  return {
    constants: [
      `LR_SCHEDULE = ${pythonLiteral(scheduled ?? null)}  # training.lrSchedule "step" or "cosine"; None: see REDUCE_ON_PLATEAU`,
      `REDUCE_ON_PLATEAU = ${pythonLiteral(plateau ?? null)}  # training.lrSchedule "reduceOnPlateau"`,
      `EARLY_STOPPING = ${pythonLiteral(earlyStopping ?? null)}  # training.earlyStopping`,
      ...(klWeighted ? [`KL_SCHEDULE = ${pythonLiteral(klSchedule)}  # training.klWarmup ("warmup") or training.klCycle; None: BETA throughout`] : []),
    ],
    code: `${scheduled ? `${SCHEDULED_LEARNING_RATE}\n\n\n` : ''}${klWeighted ? SCHEDULED_KL_WEIGHT : NO_KL_WEIGHT}\n\n\n${AIDS}`,
  };
}

const SCHEDULED_KL_WEIGHT = `def scheduled_kl_weight(epoch, epochs):
    """The KL weight of \`epoch\` (1-based) of \`epochs\`: a linear warm-up from 0, or cycles (Fu et al. 2019) whose
    first \`ratio\` rises from 0 to BETA, as the run schedules it."""
    if KL_SCHEDULE is None:
        return BETA
    if "warmup" in KL_SCHEDULE:
        return BETA * min(1, (epoch - 1) / KL_SCHEDULE["warmup"])
    period = epochs / KL_SCHEDULE["cycles"]
    tau = ((epoch - 1) % math.ceil(period)) / period
    return BETA * min(1, tau / KL_SCHEDULE["ratio"])`;

const NO_KL_WEIGHT = `def scheduled_kl_weight(epoch, epochs):
    """This kind's loss has no KL term to weigh."""
    return None`;

const AIDS = `class Plateau:
    """One watched epoch value: improved when it beats the best by more than min_delta (the first epoch does)."""

    def __init__(self, monitor, min_delta):
        self.monitor, self.min_delta = monitor, min_delta
        self.best, self.best_epoch, self.wait = None, None, 0

    def watched(self, metrics):
        """val_loss falls back to loss when there is no validation set."""
        return "val_loss" if self.monitor == "val_loss" and metrics["val_loss"] is not None else "loss"

    def observe(self, epoch, metrics):
        value = metrics[self.watched(metrics)]
        if self.best is None or value < self.best - self.min_delta:
            self.best, self.best_epoch, self.wait = value, epoch, 0
            return True
        self.wait += 1
        return False


class TrainingAids:
    """Each epoch's learning rate, reduce-on-plateau, early stopping and the best weights, as the run applies them.
    Every process sees the same all-reduced metrics, so every process takes the same decisions."""

    def __init__(self, epochs):
        self.epochs = epochs
        self.rate = LEARNING_RATE
        self.plateau = REDUCE_ON_PLATEAU and Plateau(REDUCE_ON_PLATEAU["monitor"], REDUCE_ON_PLATEAU["minDelta"])
        self.early = EARLY_STOPPING and Plateau(EARLY_STOPPING["monitor"], EARLY_STOPPING["minDelta"])
        self.best_state = None
        self.stopped_early = None

    def learning_rate(self, epoch):
        return scheduled_learning_rate(epoch, self.epochs) if LR_SCHEDULE else self.rate

    def after_epoch(self, epoch, metrics, model):
        """Updates the aids with an epoch's metrics; True when early stopping ends the run here."""
        if self.plateau:
            self.plateau.observe(epoch, metrics)
            if self.plateau.wait >= REDUCE_ON_PLATEAU["patience"]:
                self.rate = max(self.rate * REDUCE_ON_PLATEAU["factor"], REDUCE_ON_PLATEAU["minLearningRate"])
                self.plateau.wait = 0
        if not self.early:
            return False
        if self.early.observe(epoch, metrics) and EARLY_STOPPING["restoreBest"]:
            self.best_state = copy.deepcopy(model.state_dict())
        if self.early.wait < EARLY_STOPPING["patience"]:
            return False
        monitor = self.early.watched(metrics)
        best, best_epoch = self.early.best, self.early.best_epoch
        self.stopped_early = {"epoch": epoch, "monitor": monitor, "best": best, "bestEpoch": best_epoch}
        return True`;
