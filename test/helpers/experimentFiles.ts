// Writes experiment files into a fresh temp workspace for tests.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExperimentInput } from '../../src/protocol/experiment';

export function tempWorkspace(prefix = 'aelab-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeExperiment(dir: string, experiment: Partial<ExperimentInput> & { name: string }, fileName = `${experiment.name}.ae.json`): string {
  const file = join(dir, fileName);
  mkdirSync(dir, { recursive: true });
  const full: ExperimentInput = {
    kind: 'deep',
    data: { source: 'builtin:mnist', validationSplit: 0.1, limit: 512 },
    model: { hidden: [64], latentDim: 16 },
    training: { epochs: 2, batchSize: 64, learningRate: 0.002, seed: 7 },
    ...experiment,
  };
  writeFileSync(file, JSON.stringify(full, null, 2));
  return file;
}

export const TRAINER_SCRIPT = join(__dirname, '..', '..', 'dist', 'trainer.js');
export const CLI_SCRIPT = join(__dirname, '..', '..', 'bin', 'aelab.js');
