// Trains an experiment in this process on the cpu backend (the trainer's own runExperiment), for the training-aid tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExperimentInput } from '../../../src/protocol/experiment';
import type { EpochMetrics, RunSummary, TrainerToHost } from '../../../src/protocol/trainerMessages';
import { readMetrics } from '../../../src/runs/metricsFile';
import { runExperiment } from '../../../src/trainer/runExperiment';
import { tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';

export interface TrainedRun {
  summary: RunSummary;
  runDir: string;
  metrics: EpochMetrics[];
  logs: string[];
  messages: TrainerToHost[];
}

/** A small dense run on 300 MNIST digits; `experiment` overrides any part. */
export function aidsExperiment(name: string, training: ExperimentInput['training'], rest: Partial<ExperimentInput> = {}): Partial<ExperimentInput> & { name: string } {
  return {
    name,
    kind: 'deep',
    data: { source: 'builtin:mnist', validationSplit: 0.2, limit: 300 },
    model: { hidden: [32], latentDim: 8 },
    training: { batchSize: 32, learningRate: 0.01, seed: 3, ...training },
    ...rest,
  };
}

export async function trainInProcess(experiment: Partial<ExperimentInput> & { name: string }, options: { workspace?: string; resumeRunDir?: string; epochs?: number } = {}): Promise<TrainedRun> {
  const workspace = options.workspace ?? tempWorkspace('aelab-aids-');
  const file = writeExperiment(workspace, experiment);
  const messages: TrainerToHost[] = [];
  const runsDir = join(workspace, 'runs');
  const summary = await runExperiment(
    { type: 'start', experimentFile: file, runsDir, resumeRunDir: options.resumeRunDir, overrides: { backend: 'cpu', threads: 1, ...(options.epochs ? { epochs: options.epochs } : {}) } },
    { emit: (message) => messages.push(message), shouldStop: () => false },
  );
  if (!summary) throw new Error(`the run did not start: ${JSON.stringify(messages.at(-1))}`);
  const runDir = options.resumeRunDir ?? join(runsDir, readdirSync(runsDir).find((name) => name.startsWith(experiment.name))!);
  const logs = messages.flatMap((m) => (m.type === 'log' ? [m.message] : []));
  return { summary, runDir, metrics: readMetrics(runDir), logs, messages };
}

export function fileBytes(...path: string[]): Buffer {
  return readFileSync(join(...path));
}
