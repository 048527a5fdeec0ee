// The experiment's training aids in the PyTorch script, as src/trainer/loop/trainingAids.ts applies them: the step or
// cosine learning rate (the Keras export's formula), reduce-on-plateau, early stopping with its best weights kept.
// KL warm-up and cycles are not carried over (the script's header says so).
import type { TrainingConfig } from '../../protocol/experiment';
import { SCHEDULED_LEARNING_RATE } from '../keras/callbacksSection';
import { pythonLiteral } from '../keras/pythonLiteral';

export interface AidsSection {
  constants: string[];
  code: string;
}

export function aidsSection({ lrSchedule, earlyStopping }: TrainingConfig): AidsSection {
  const plateau = lrSchedule?.type === 'reduceOnPlateau' ? lrSchedule : undefined;
  const scheduled = lrSchedule && !plateau ? lrSchedule : undefined;
  return {
    constants: [
      `LR_SCHEDULE = ${pythonLiteral(scheduled ?? null)}  # training.lrSchedule "step" or "cosine"; None: see REDUCE_ON_PLATEAU`,
      `REDUCE_ON_PLATEAU = ${pythonLiteral(plateau ?? null)}  # training.lrSchedule "reduceOnPlateau"`,
      `EARLY_STOPPING = ${pythonLiteral(earlyStopping ?? null)}  # training.earlyStopping`,
    ],
    code: `${scheduled ? `${SCHEDULED_LEARNING_RATE}\n\n\n` : ''}${AIDS}`,
  };
}

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
