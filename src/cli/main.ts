// `aelab`: trains experiment files from a terminal or CI through the same trainer child process as VS Code.
import { Command, InvalidArgumentError, Option } from 'commander';
import { join, resolve } from 'node:path';
import { BACKENDS } from '../protocol/experiment';
import { newExperimentCommand } from './newExperiment';
import { trainCommand } from './train';

export const EXIT = { ok: 0, failed: 1, badInput: 2, stopped: 130 } as const;

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
};

export function buildProgram(): Command {
  const program = new Command('aelab')
    .description('Autoencoder Lab: train and compare autoencoders with TensorFlow.js')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('train')
    .description('train an experiment file (*.ae.json)')
    .argument('<file>', 'the experiment file')
    .option('--epochs <n>', 'override training.epochs', positiveInt)
    .option('--limit <n>', 'use at most n samples', positiveInt)
    .addOption(new Option('--backend <name>', 'force a backend instead of node > wasm > cpu').choices(BACKENDS))
    .option('--runs-dir <dir>', 'where run folders go', join('.aelab', 'runs'))
    .option('--json', 'print summary.json to stdout instead of progress')
    .action(async (file: string, options) => {
      process.exitCode = await trainCommand({ file: resolve(file), ...options, runsDir: resolve(options.runsDir) });
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
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') process.exitCode = EXIT.ok;
    else process.exitCode = EXIT.badInput; // commander already printed what was wrong
  }
}

void main(process.argv);
