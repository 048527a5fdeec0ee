// "Export as Keras Script": a finished run as one standalone Python file that retrains the same autoencoder with
// Keras (TensorFlow backend), for GPU clusters and tf.distribute. The tfjs weights are not carried over.
import { callbacksSection } from './keras/callbacksSection';
import { dataSection } from './keras/dataSection';
import { normalizationSetting } from './python/numpyData';
import { lossSection } from './keras/lossSection';
import type { NetworkSpec } from './python/networkSpec';
import { commentText, pythonLiteral, pythonTuple } from './python/pythonLiteral';
import { readExportedRun, type ExportedRun } from './python/readRun';
import { BUILD_NETWORK, trainSection } from './keras/trainSection';

/** The script for the run in `runDir`; throws an InputError naming the folder when it is not a finished run. */
export function kerasScript(runDir: string): string {
  return scriptFor(readExportedRun(runDir));
}

export function scriptFor(run: ExportedRun): string {
  const { experiment } = run;
  const { training, data } = experiment;
  const source = dataSection(experiment, run.experimentFile, run.sampleShape);
  const loss = lossSection(experiment);
  const callbacks = callbacksSection(training);
  const imports = [...new Set(['argparse', ...source.imports, ...callbacks.imports, 'os', 'warnings'])].sort();
  const settings = [
    `KIND = ${pythonLiteral(experiment.kind)}`,
    `INPUT_SHAPE = ${pythonTuple(run.sampleShape)}  # one sample: (height, width, channels) or (features,)`,
    ...(source.dataPath ? [`DATA_PATH = ${pythonLiteral(source.dataPath)}  # data.source, resolved`] : [`DATA_SOURCE = ${pythonLiteral(data.source)}`]),
    `VALIDATION_SPLIT = ${pythonLiteral(data.validationSplit)}`,
    `LIMIT = ${pythonLiteral(data.limit ?? null)}  # data.limit: at most this many samples, after shuffling; None uses all`,
    `NORMALIZATION = ${pythonLiteral(normalizationSetting(run.normalization))}  # as resolved by the run (data.json)`,
    `LOSS = ${pythonLiteral(training.loss)}  # "bce" or "mse", per value`,
    `LEARNING_RATE = ${pythonLiteral(training.learningRate)}`,
    `BATCH_SIZE = ${pythonLiteral(training.batchSize)}`,
    `EPOCHS = ${pythonLiteral(training.epochs)}`,
    `SEED = ${pythonLiteral(training.seed)}`,
    ...loss.constants,
    ...callbacks.constants,
    ...source.constants,
    `LOSS_PARTS = ${pythonLiteral(loss.parts)}  # logged each epoch, with val_ versions`,
    `OUT_DIR = ${pythonLiteral(`${safeFileName(experiment.name)}-keras`)}`,
    `DESCRIPTION = ${pythonLiteral(`Train the ${experiment.kind} autoencoder of Autoencoder Lab run ${run.runId} with Keras.`)}`,
  ];

  return `${header(run, source.dataPath !== undefined)}
${imports.map((name) => `import ${name}`).join('\n')}

os.environ.setdefault("KERAS_BACKEND", "tensorflow")  # the loss below is written with TensorFlow ops

import numpy as np
import tensorflow as tf
import keras

# Settings from the run's experiment.json.
${settings.join('\n')}

# The networks, from the run's encoder/model.json and decoder/model.json (tfjs layers format, Keras-style configs).
# Each layer: its Keras class, its config, and the names of the layers whose outputs it takes.
ENCODER = ${networkLiteral(run.encoder)}

DECODER = ${networkLiteral(run.decoder)}


${BUILD_NETWORK}


${source.code}


${loss.helpers}


${trainSection({ loss, callbacks, optimizer: training.optimizer, takesPath: source.dataPath !== undefined })}
`;
}

function header(run: ExportedRun, takesPath: boolean): string {
  const { experiment } = run;
  const about = experiment.comment ? ` ${commentText(experiment.comment)}` : '';
  return `#!/usr/bin/env python3
# Autoencoder Lab run ${commentText(run.runId)} (kind "${experiment.kind}") as a standalone Keras training script.
# Experiment "${commentText(experiment.name)}".${about}
# Exported from ${commentText(run.runDir)}
#
# Runs on Keras 3 with the TensorFlow backend (TensorFlow 2.16 or later), and on TensorFlow 2.13-2.15, whose
# "import keras" is Keras 2 (tf.keras). The loss is written with TensorFlow ops, so Keras 3's JAX and PyTorch
# backends are not supported. NumPy is the only other dependency.
#
# The encoder and decoder are rebuilt from the run's saved layer configs and trained from scratch: the weights
# trained in Autoencoder Lab are not loaded. Loss, optimizer, learning rate, batch size, epochs, seed and data
# pipeline follow the experiment. At the end it saves encoder.keras, decoder.keras and autoencoder.keras.
#
#   python3 <this file> [--epochs N] [--out DIR]${takesPath ? ' [--data PATH]' : ''}
#   python3 <this file> --mirrored     # every local GPU, with tf.distribute.MirroredStrategy
`;
}

/** One layer per line, so the listing reads like a model summary. */
export function networkLiteral(spec: NetworkSpec): string {
  const layers = spec.layers.map(({ class_name, name, inbound, config }) => `        ${pythonLiteral({ class_name, name, inbound, config })},`);
  return `{
    "name": ${pythonLiteral(spec.name)},
    "inputs": ${pythonLiteral(spec.inputs)},
    "outputs": ${pythonLiteral(spec.outputs)},
    "layers": [
${layers.join('\n')}
    ],
}`;
}

export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'autoencoder';
}
