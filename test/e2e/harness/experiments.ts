// Small experiment files the tests train: fast on the bundled MNIST digits.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeSmallExperiment(workspace: string, name: string, training: { epochs: number; limit: number }): string {
  const dir = join(workspace, 'experiments');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.ae.json`);
  const experiment = {
    name,
    kind: 'deep',
    data: { source: 'builtin:mnist', validationSplit: 0.1, limit: training.limit },
    model: { hidden: [64], latentDim: 16, activation: 'relu', outputActivation: 'sigmoid' },
    training: { epochs: training.epochs, batchSize: 100, learningRate: 0.002, optimizer: 'adam', loss: 'bce', seed: 7 },
  };
  writeFileSync(file, `${JSON.stringify(experiment, null, 2)}\n`);
  return file;
}
