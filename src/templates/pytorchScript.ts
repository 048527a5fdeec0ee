// "Export as PyTorch Script" / `aelab export-pytorch`: a finished run as one standalone torch + numpy training script
// that also runs under torchrun and writes a run folder in our layout. The sections live in src/templates/pytorch/;
// the run reading, data loaders and normalise/split are shared with the Keras export.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../protocol/errors';
import { writeFileAtomic } from '../runs/atomicWrite';
import { MODEL_FILES, runPath } from '../runs/layout';
import { readRunJson } from '../runs/readJsonFile';
import { networkLiteral } from './kerasScript';
import { commentText, pythonLiteral, pythonTuple } from './python/pythonLiteral';
import { readExportedRun, type ExportedRun } from './python/readRun';
import { aidsSection } from './pytorch/aidsSection';
import { torchDataSection } from './pytorch/dataSection';
import { torchLoss } from './pytorch/lossSection';
import { checkExportableNetwork, PYTORCH_NETWORK, PYTORCH_NETWORK_IMPORTS } from './pytorch/networkSection';
import { RUN_FOLDER, RUN_FOLDER_IMPORTS } from './pytorch/runFolderSection';
import { PYTHON_SAVE_TFJS_MODELS, TFJS_MODELS_IMPORTS } from './pytorch/tfjsModelsSection';
import { autoencoderModule, TRAIN, TRAIN_IMPORTS } from './pytorch/trainSection';
import { normalizationSetting } from './python/numpyData';

export interface PytorchExport {
  /** The script and any file it reads beside itself (e.g. the bundled MNIST digits of a builtin:mnist run). */
  files: string[];
}

/** Writes the script for the run in `runDir` to `outFile` (atomically); throws an InputError naming the run folder or field. */
export function writePytorchExport(runDir: string, outFile: string): PytorchExport {
  const { script, copies } = pytorchScript(runDir);
  const target = resolve(outFile);
  mkdirSync(dirname(target), { recursive: true });
  writeFileAtomic(target, script);
  const copied = copies.map(({ from, name }) => {
    const to = join(dirname(target), name);
    copyFileSync(from, to);
    return to;
  });
  return { files: [target, ...copied] };
}

/** The script's text and the files it reads beside itself. */
export function pytorchScript(runDir: string): { script: string; copies: { from: string; name: string }[] } {
  const run = readExportedRun(runDir);
  try {
    return scriptFor(run);
  } catch (error) {
    // The sections name the field; the run folder is what the user picked.
    if (error instanceof InputError && !error.file) throw new InputError(error.message, { file: run.runDir });
    throw error;
  }
}

function scriptFor(run: ExportedRun): { script: string; copies: { from: string; name: string }[] } {
  const { experiment } = run;
  const { training, data } = experiment;
  if (data.includeLabels) {
    throw new InputError('data.includeLabels (train on some classes only) needs the labels, which the PyTorch script does not load; remove it to export', { field: 'data.includeLabels' });
  }
  const loss = torchLoss(experiment);
  const source = torchDataSection(experiment, run.experimentFile, run.sampleShape);
  checkExportableNetwork(run.encoder, runPath(run.runDir, 'encoder', MODEL_FILES.topology));
  checkExportableNetwork(run.decoder, runPath(run.runDir, 'decoder', MODEL_FILES.topology));
  const aids = aidsSection(training, loss.klWeighted === true);
  const imports = [...new Set([...TRAIN_IMPORTS, ...RUN_FOLDER_IMPORTS, ...TFJS_MODELS_IMPORTS, ...source.imports])].sort();
  const settings = [
    `NAME = ${pythonLiteral(experiment.name)}`,
    `KIND = ${pythonLiteral(experiment.kind)}`,
    `INPUT_SHAPE = ${pythonTuple(run.sampleShape)}  # one sample in the tfjs layout: (height, width, channels) or (features,)`,
    ...source.constants,
    `DEFAULT_DATA = ${source.defaultPath}  # --data overrides it`,
    `VALIDATION_SPLIT = ${pythonLiteral(data.validationSplit)}`,
    `LIMIT = ${pythonLiteral(data.limit ?? null)}  # data.limit: at most this many samples, after shuffling; None uses all`,
    `NORMALIZATION = ${pythonLiteral(normalizationSetting(run.normalization))}  # as resolved by the run (data.json)`,
    `LOSS = ${pythonLiteral(training.loss)}  # "bce" or "mse", per value`,
    `OPTIMIZER = ${pythonLiteral(training.optimizer)}`,
    `LEARNING_RATE = ${pythonLiteral(training.learningRate)}`,
    ...aids.constants,
    `CLIP_NORM = ${pythonLiteral(training.clipNorm ?? null)}  # training.clipNorm: the global gradient norm is clipped to it`,
    `BATCH_SIZE = ${pythonLiteral(training.batchSize)}  # the global batch: each of N processes takes BATCH_SIZE // N`,
    `EPOCHS = ${pythonLiteral(training.epochs)}`,
    `SEED = ${pythonLiteral(training.seed)}`,
    ...loss.constants,
    `CORRUPTS = ${loss.corrupts ? 'True' : 'False'}  # denoising: inputs are corrupted, targets stay clean`,
    `LOSS_PARTS = ${pythonLiteral(loss.parts)}  # logged each epoch, with val_ versions`,
    `DESCRIPTION = ${pythonLiteral(`Train the ${experiment.kind} autoencoder of Autoencoder Lab run ${run.runId} with PyTorch.`)}`,
  ];
  const copiedFiles = {
    experiment: readFileSync(runPath(run.runDir, 'experiment'), 'utf8'),
    data: withoutThreshold(readOptional(runPath(run.runDir, 'data'))),
  };
  const tfjsModels = {
    encoder: readSavedModel(run.runDir, 'encoder'),
    decoder: readSavedModel(run.runDir, 'decoder'),
    model: existsSync(runPath(run.runDir, 'model', MODEL_FILES.topology)) ? readSavedModel(run.runDir, 'model') : null,
  };

  const script = `${header(run)}
${importLines(imports)}

# Settings from the run's experiment.json.
${settings.join('\n')}

# The source run's experiment.json and data.json, copied into every run folder this script writes.
EXPERIMENT_JSON = ${JSON.stringify(copiedFiles.experiment)}  # noqa: E501
DATA_JSON = ${copiedFiles.data === undefined ? 'None' : JSON.stringify(copiedFiles.data)}  # noqa: E501

# The networks, from the run's encoder/model.json and decoder/model.json (tfjs layers format, Keras-style configs).
# Each layer: its Keras class, its config, and the names of the layers whose outputs it takes.
ENCODER = ${networkLiteral(run.encoder)}

DECODER = ${networkLiteral(run.decoder)}

# The source run's saved models (model.json's modelTopology and the names of its weights), written back with the
# trained weights as the run folder's encoder/, decoder/ and model/ in the tfjs layers format.
TFJS_MODELS = json.loads(${JSON.stringify(JSON.stringify(tfjsModels))})  # noqa: E501


${PYTORCH_NETWORK.trim()}


${source.code}


${loss.helpers}


${autoencoderModule(loss.forwardBody)}


${aids.code}


${RUN_FOLDER}


${PYTHON_SAVE_TFJS_MODELS}


${TRAIN}
`;
  return { script, copies: source.copies };
}

/** Standard-library imports sorted, then numpy and torch (PEP 8 groups), each line once. */
function importLines(modules: string[]): string {
  const lines = new Set([...modules.map((name) => `import ${name}`), ...PYTORCH_NETWORK_IMPORTS, ...THIRD_PARTY]);
  const thirdParty = [...lines].filter((line) => /\b(numpy|torch)\b/.test(line)).sort();
  const standard = [...lines].filter((line) => !thirdParty.includes(line)).sort();
  return `${standard.join('\n')}\n\n${thirdParty.join('\n')}`;
}

const THIRD_PARTY = [
  'import numpy as np',
  'import torch',
  'import torch.distributed as dist',
  'import torch.nn as nn',
  'from torch.nn.parallel import DistributedDataParallel',
  'from torch.utils.data import DataLoader, DistributedSampler, TensorDataset',
];

/** data.json without its anomaly threshold: that was set on the source run's training errors, with other weights. */
function withoutThreshold(dataJson: string | undefined): string | undefined {
  if (dataJson === undefined) return undefined;
  return `${JSON.stringify({ ...(JSON.parse(dataJson) as object), threshold: null }, null, 2)}\n`;
}

const savedModelSchema = z.object({
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z.array(z.object({ weights: z.array(z.object({ name: z.string() })) })),
});

/** The topology and weight names of the run's encoder, decoder or end-to-end model (model.json). */
function readSavedModel(runDir: string, part: 'encoder' | 'decoder' | 'model'): { topology: unknown; weights: string[] } {
  const { modelTopology, weightsManifest } = readRunJson(runPath(runDir, part, MODEL_FILES.topology), savedModelSchema);
  return { topology: modelTopology, weights: weightsManifest.flatMap((group) => group.weights.map((weight) => weight.name)) };
}

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function header(run: ExportedRun): string {
  const { experiment } = run;
  const about = experiment.comment ? ` ${commentText(experiment.comment)}` : '';
  return `#!/usr/bin/env python3
# Autoencoder Lab run ${commentText(run.runId)} (kind "${experiment.kind}") as a standalone PyTorch training script.
# Experiment "${commentText(experiment.name)}".${about}
# Exported from ${commentText(run.runDir)}
#
# Needs torch and numpy only (Pillow for image folders). The network is rebuilt from the run's layer list; the loss,
# optimizer (tfjs' defaults), learning rate and its schedule, KL warm-up or cycles, early stopping, gradient clipping,
# batch size, epochs, seed, data pipeline and validation split follow the experiment, so the same validation samples
# are held out.
# Random draws (initial weights, batch order, sampling noise) come from torch, so losses are close to the run's
# but not identical.
#
#   python3 <this file> [--epochs N] [--init-from RUN_DIR] [--data PATH] [--runs-dir DIR] [--device cuda]
#   torchrun --nproc_per_node 4 <this file> ...     # 4 processes: DistributedDataParallel, gloo on CPU, nccl on CUDA
#
# --init-from loads a run folder's tfjs weights (encoder/ and decoder/ model.json + weights); --epochs 0 only
# evaluates the training and validation sets. The global batch BATCH_SIZE is split over the processes (each takes
# BATCH_SIZE // N per step), so a step sees as many samples as the run's. Each run writes a new folder
# <runs-dir>/<name>-<time>/ in Autoencoder Lab's layout (summary.json with backend "pytorch", metrics.jsonl,
# log.txt, pytorch/autoencoder.pt, and encoder/, decoder/ and model/ as tfjs layers models after each epoch): copy or
# sync it into the workspace's .aelab/runs to watch, apply, evaluate and compare it in VS Code. Its data.json has no
# anomaly threshold (the source run's was of other weights): Evaluate Run measures one.
`;
}
