// The dashboard's view data of a run: sent to the host and kept in views/ once at the start and after every epoch.
import type { Experiment } from '../../protocol/experiment';
import { KINDS } from '../../protocol/kinds';
import type { TrainerToHost } from '../../protocol/trainerMessages';
import type { ViewMessage } from '../../protocol/viewPayloads';
import { MAX_VIEW_SAMPLES, validationSamplesMessage } from '../analysis/displayValues';
import { codebookMessage } from '../analysis/codebookCodes';
import { audioClipsMessage } from '../analysis/audioClips';
import { errorsMessage, generatedMessage, inMemoryPrefix, latentMessage } from '../analysis/epochAnalysis';
import type { Dataset } from '../data/dataset';
import type { Autoencoder } from '../models/types';
import { readViewSnapshot, saveViewSnapshot } from '../../runs/viewFiles';
import { seriesMessage } from '../analysis/seriesView';
import { ReconstructionHistory } from '../samples/reconstructionHistory';
import { reconstructionSamples } from '../samples/reconstructionSamples';

export interface EpochViews {
  afterEpoch(epoch: number): void;
}

export function startEpochViews(runDir: string, emit: (message: TrainerToHost) => void, autoencoder: Autoencoder, experiment: Experiment, train: Dataset, validation: Dataset): EpochViews {
  // With no validation split the views show training samples: read into memory, even when training streams them.
  const previewSet = validation.count > 0 ? validation : inMemoryPrefix(train, MAX_VIEW_SAMPLES);
  const publish = (message: ViewMessage | undefined) => {
    if (!message) return;
    emit(message);
    saveViewSnapshot(runDir, message);
  };
  publish(validationSamplesMessage(previewSet));
  const { seed, epochs } = experiment.training;
  const generates = KINDS[experiment.kind].generates;
  const generatesFromPrior = generates === 'prior' || generates === 'label';
  // A resumed run continues the history it saved; a new run has none.
  const history = new ReconstructionHistory(previewSet.sampleShape, readViewSnapshot(runDir, 'reconstructionHistory'));
  return {
    afterEpoch(epoch) {
      const reconstructions = reconstructionSamples(autoencoder, previewSet, epoch, seed);
      publish(reconstructions);
      publish(history.add(epoch, reconstructions.outputs));
      publish(latentMessage(autoencoder, previewSet, epoch, epoch === epochs, seed));
      publish(errorsMessage(autoencoder, train, previewSet, epoch, experiment.training));
      // Prior samples: every generating kind but VQ-VAE, whose codebook message stands for them.
      if (generatesFromPrior) publish(generatedMessage(autoencoder, train.sampleShape, epoch, seed + epoch));
      publish(seriesMessage(autoencoder, train, validation, epoch, experiment.training, experiment.data.aggregate));
      publish(codebookMessage(autoencoder, previewSet, epoch));
      publish(audioClipsMessage(autoencoder, previewSet, epoch, experiment));
    },
  };
}
