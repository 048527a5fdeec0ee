// Rebuilds a dashboard from a run folder, so finished runs and reloaded windows show the same views as a live run.
// Reads summary.json and metrics.jsonl, plus the last view messages the trainer saved (protocol/viewPayloads.ts).
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { decodeTyped, type DashboardData, type RunInfo } from '../../protocol/dashboardMessages';
import { epochMetricsSchema, trainerToHostSchema, type EpochMetrics, type RunSummary } from '../../protocol/trainerMessages';
import { VIEW_MESSAGE_TYPES, VIEW_PAYLOADS, type ViewMessageType } from '../../protocol/viewPayloads';
import { DashboardModel } from './dashboardModel';
import { readRunSummary } from './runsFolder';
import { shownStatus } from '../../runs/runLiveness';

export async function readMetrics(runDir: string): Promise<EpochMetrics[]> {
  let text: string;
  try {
    text = await readFile(join(runDir, 'metrics.jsonl'), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').flatMap((line) => {
    try {
      const parsed = epochMetricsSchema.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
}

/** Loads one run folder into a model (a fresh one by default); views the trainer did not save stay empty. */
export async function loadRunFromFolder(runDir: string, model = new DashboardModel()): Promise<DashboardModel> {
  const [summary, metrics] = await Promise.all([readRunSummary(runDir), readMetrics(runDir)]);
  const data: Partial<DashboardData> = { metrics, run: summary ? runInfoFromSummary(basename(runDir), summary) : null };
  model.resetRun(data);
  for (const view of VIEW_MESSAGE_TYPES) {
    const message = await readViewFile(runDir, view);
    if (message) model.apply(message, false);
  }
  const shape = model.data.reconstructions?.sampleShape ?? model.data.samples?.sampleShape;
  if (model.data.run && shape) model.set({ run: { ...model.data.run, sampleShape: shape } });
  return model;
}

async function readViewFile(runDir: string, view: ViewMessageType) {
  try {
    const raw: unknown = JSON.parse(await readFile(join(runDir, 'views', VIEW_PAYLOADS[view].snapshotFile), 'utf8'), decodeTyped);
    const parsed = trainerToHostSchema.safeParse(raw);
    return parsed.success && parsed.data.type === view ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function runInfoFromSummary(runId: string, summary: RunSummary): RunInfo {
  return {
    runId,
    name: summary.name,
    kind: summary.kind,
    status: shownStatus(summary),
    backend: summary.backend,
    epochs: summary.epochs,
    epochsPlanned: summary.epochsPlanned,
    batchesPerEpoch: 0,
    sampleShape: [],
    trainSamples: summary.trainSamples,
    validationSamples: summary.validationSamples,
    parameterCount: summary.parameterCount,
    live: false,
    error: summary.error?.message,
  };
}
