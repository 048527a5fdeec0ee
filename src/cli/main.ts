// `aelab`: trains experiment files from a terminal or CI through the same trainer child process as VS Code.
import { Command, InvalidArgumentError, Option } from 'commander';
import { dirname, join, resolve } from 'node:path';
import { BACKENDS, MODEL_KINDS, type BackendName } from '../protocol/experiment';
import { writeFolderExperiment } from '../templates/folderExperiment';
import { exportEmbeddingsCommand } from './exportEmbeddings';
import { exportKerasCommand } from './exportKeras';
import { exportPytorchCommand } from './exportPytorch';
import { newExperimentCommand } from './newExperiment';
import { isInputError } from '../protocol/errors';
import { MAX_TRAINING_THREADS } from '../protocol/trainerMessages';
import { MAX_NEIGHBORS } from '../protocol/applyMessages';
import { trainCommand } from './train';
import { EXIT } from './exitCodes';
import { runsCommand } from './runsCommand';
import { reconstructCommand } from './reconstructCommand';
import { scoreCommand } from './scoreCommand';
import { encodeCommand } from './encodeCommand';
import { neighborsCommand } from './neighborsCommand';
import { evalCommand } from './evalCommand';
import { sweepCommand } from './sweepCommand';

const threadCount = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_TRAINING_THREADS) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_TRAINING_THREADS}, got "${value}"`);
  return n;
};

const nonNegative = (value: string) => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number of 0 or more, got "${value}"`);
  return n;
};

const percentValue = (value: string) => {
  const n = nonNegative(value);
  if (n > 100) throw new InvalidArgumentError(`expected a percentile from 0 to 100, got "${value}"`);
  return n;
};

/** neighbors -k: the range the apply message accepts. */
const neighborCount = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_NEIGHBORS) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_NEIGHBORS}, got "${value}"`);
  return n;
};

/** eval --samples: the range the evaluate message accepts. */
const nllSampleCount = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new InvalidArgumentError(`expected a whole number from 1 to 100000, got "${value}"`);
  return n;
};

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
};

/** The options every training command shares: where it runs and how it reports. */
function withRunOptions(command: Command): Command {
  return command
    .addOption(new Option('--backend <name>', 'force a backend instead of node > wasm > cpu').choices(BACKENDS))
    .option('--threads <n>', 'training threads on wasm (default: one per core, up to 4)', threadCount)
    .option('--json', 'print summary.json to stdout instead of progress');
}

export function buildProgram(): Command {
  const program = new Command('aelab')
    .description('Autoencoder Lab: train and compare autoencoders with TensorFlow.js')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  withRunOptions(program.command('train'))
    .description('train an experiment file (*.ae.json)')
    .argument('<file>', 'the experiment file')
    .option('--epochs <n>', 'override training.epochs', positiveInt)
    .option('--limit <n>', 'use at most n samples', positiveInt)
    .option('--runs-dir <dir>', 'where run folders go', join('.aelab', 'runs'))
    .action(async (file: string, options) => {
      process.exitCode = await trainCommand({ file: resolve(file), ...options, runsDir: resolve(options.runsDir) });
    });

  withRunOptions(program.command('resume'))
    .description('continue a stopped, failed or interrupted run from its last checkpoint, appending to its metrics.jsonl')
    .argument('<run-dir>', 'the run folder')
    .option('--epochs <n>', 'train up to this many epochs in total', positiveInt)
    .action(async (runDir: string, options) => {
      process.exitCode = await trainCommand({ file: join(resolve(runDir), 'experiment.json'), runsDir: dirname(resolve(runDir)), ...options, resumeRunDir: resolve(runDir) });
    });

  withRunOptions(program.command('train-folder'))
    .description('write an experiment file for a folder of images (or an .idx/.csv/.npy file) and train it')
    .argument('<path>', 'the data folder or file')
    .addOption(new Option('--kind <kind>', 'the autoencoder kind (default: conv for images, deep for tables)').choices(MODEL_KINDS))
    .option('--epochs <n>', 'training epochs', positiveInt)
    .option('--runs-dir <dir>', 'where run folders go', join('.aelab', 'runs'))
    .action(async (path: string, options) => {
      const runsDir = resolve(options.runsDir);
      const { file, written } = writeFolderExperiment({ dataPath: resolve(path), kind: options.kind, experimentsDir: join(dirname(runsDir), 'experiments'), epochs: options.epochs });
      process.stderr.write(`${written ? 'wrote' : 'using the unchanged'} ${file}\n`);
      process.exitCode = await trainCommand({ file, runsDir, backend: options.backend, threads: options.threads, json: options.json });
    });

  program
    .command('sweep')
    .description("train every setting of an experiment file's sweep block (grid or random); <runs>/<sweep-id>/sweep.json lists the runs and their results")
    .argument('[file]', 'the experiment file with a sweep block')
    .option('--resume <sweep-dir>', 'continue a stopped sweep: resume its stopped runs, train its pending ones, keep the rest')
    .option('--parallel <n>', 'train n runs at once, the cores split between them', positiveInt, 1)
    .option('--runs-dir <dir>', 'where the sweep folder and run folders go', join('.aelab', 'runs'))
    .addOption(new Option('--backend <name>', 'force a backend instead of node > wasm > cpu').choices(BACKENDS))
    .option('--threads <n>', 'training threads per run on wasm (default: the cores divided by --parallel)', threadCount)
    .option('--json', 'print sweep.json to stdout instead of progress')
    .action(async (file: string | undefined, options) => {
      process.exitCode = await sweepCommand({ ...options, file: file && resolve(file), resume: options.resume && resolve(options.resume), runsDir: resolve(options.runsDir) });
    });

  program
    .command('runs')
    .description('list the runs with their status (a "running" run whose trainer is gone shows as interrupted)')
    .option('--runs-dir <dir>', 'the runs folder', join('.aelab', 'runs'))
    .option('--json', 'print the list as JSON')
    .action(async (options: { runsDir: string; json?: boolean }) => {
      process.exitCode = await runsCommand(resolve(options.runsDir), Boolean(options.json));
    });

  program
    .command('export-embeddings')
    .description('write the latent code of every sample of a finished run as CSV')
    .argument('<run-dir>', 'the run folder')
    .requiredOption('--out <file>', 'the CSV file to write')
    .addOption(new Option('--backend <name>', 'force a backend').choices(BACKENDS))
    .action(async (runDir: string, options: { out: string; backend?: BackendName }) => {
      process.exitCode = await exportEmbeddingsCommand(runDir, options.out, options.backend);
    });

  /** The arguments and options every apply command shares: the run, the data it reads, the backend, --json. */
  const applyCommand = (name: string, description: string, input = '<input>') =>
    program
      .command(name)
      .description(description)
      .argument('<run-dir>', 'a finished run folder')
      .argument(input, 'an image, a folder of images, or an IDX, CSV or NPY file')
      .addOption(new Option('--backend <name>', 'force a backend').choices(BACKENDS))
      .option('--json', 'print the result as JSON on stdout');

  applyCommand('reconstruct', 'run new data through a run (a denoising run denoises it): images to PNG files, IDX/NPY to NPY, CSV to CSV')
    .requiredOption('--out <path>', 'the output folder (image folder), PNG file (one image) or file')
    .action(async (runDir: string, input: string, options) => {
      process.exitCode = await reconstructCommand(runDir, input, options);
    });

  applyCommand('score', "score new data by reconstruction error and flag anomalies above the run's threshold")
    .requiredOption('--out <file>', 'the CSV to write (source,label,error,flagged)')
    .addOption(new Option('--threshold <x>', 'flag errors above this value').argParser(nonNegative).conflicts('percentile'))
    .addOption(new Option('--percentile <p>', 'flag errors above this percentile of the scored errors').argParser(percentValue))
    .action(async (runDir: string, input: string, options) => {
      process.exitCode = await scoreCommand(runDir, input, options);
    });

  applyCommand('encode', 'write the latent code of each sample of new data')
    .requiredOption('--out <file>', 'codes.csv (source,label,z0..) or codes.npy')
    .action(async (runDir: string, input: string, options) => {
      process.exitCode = await encodeCommand(runDir, input, options);
    });

  applyCommand('neighbors', 'list the training samples nearest to each query sample in latent space', '<query>')
    .option('-k <n>', 'how many neighbours per query', neighborCount, 10)
    .option('--binary', 'compare sign codes by Hamming distance (semantic hashing) instead of euclidean distance')
    .action(async (runDir: string, query: string, options) => {
      process.exitCode = await neighborsCommand(runDir, query, options);
    });

  program
    .command('eval')
    .description("compute a finished run's evaluation (reconstruction, anomaly, features, VAE metrics beside PCA and the noisy input): on its validation split, rewriting evaluation.json, or on --input")
    .argument('<run-dir>', 'a finished run folder')
    .option('--input <path>', 'evaluate this file or folder (image, image folder, IDX, CSV or NPY) instead of the validation split')
    .option('--out <file>', 'also write the evaluation JSON here (with --input, only here: evaluation.json is never touched)')
    .option('--samples <k>', 'VAE kinds: importance samples per input for the NLL (default: evaluation.nllSamples)', nllSampleCount)
    .addOption(new Option('--backend <name>', 'force a backend').choices(BACKENDS))
    .option('--json', 'print the evaluation as JSON (as evaluation.json) on stdout')
    .action(async (runDir: string, options) => {
      process.exitCode = await evalCommand(runDir, options);
    });

  program
    .command('export-keras')
    .description('write a finished run as a standalone Keras (TensorFlow) training script')
    .argument('<run-dir>', 'the run folder')
    .requiredOption('--out <file>', 'the Python file to write')
    .action((runDir: string, options: { out: string }) => {
      process.exitCode = exportKerasCommand(runDir, options.out);
    });

  program
    .command('export-pytorch')
    .description('write a finished run as a standalone PyTorch training script (runs under torchrun too)')
    .argument('<run-dir>', 'the run folder')
    .requiredOption('--out <file>', 'the Python file to write')
    .action((runDir: string, options: { out: string }) => {
      process.exitCode = exportPytorchCommand(runDir, options.out);
    });

  program
    .command('new')
    .description('write a new experiment file from a template')
    .argument('<kind>', 'the autoencoder kind')
    .argument('[name]', 'the experiment name (file: experiments/<name>.ae.json)')
    .option('--dir <dir>', 'folder for the file', 'experiments')
    .action((kind: string, name: string | undefined, options: { dir: string }) => {
      process.exitCode = newExperimentCommand(kind, name, resolve(options.dir));
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  // A closed terminal or pipe makes writes fail (EIO, EPIPE): the run must still stop and save, not crash.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') process.exitCode = EXIT.ok;
    else if (code?.startsWith('commander.')) process.exitCode = EXIT.badInput; // commander already printed what was wrong
    else if (isInputError(error)) {
      process.stderr.write(`aelab: ${error.message}\n`);
      process.exitCode = EXIT.badInput;
    } else throw error;
  }
}

void main(process.argv);
