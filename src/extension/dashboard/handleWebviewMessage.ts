// The single entry for messages from a dashboard webview. Everything is validated; run ids are resolved inside the
// runs folder; nothing here throws or rejects, so a hostile or buggy webview can only cause logged warnings.
import type { Probed } from '../../protocol/applyMessages';
import { webviewToHostSchema, type DashboardData, type DashboardView, type HostToWebview, type ParsedWebviewMessage } from '../../protocol/dashboardMessages';
import { experimentsCsv } from '../experiments/experimentsCsv';
import { flaggedCsv } from './flaggedCsv';
import { probeFile, probePixels, type ProbeSample } from './probeRequests';
import { resolveRunDir } from './runsFolder';

export interface WebviewMessageDeps {
  runsDir: () => string | undefined;
  data: () => Readonly<DashboardData>;
  warn: (message: string) => void;
  reply: (message: HostToWebview) => void;
  initialized: () => void;
  stopRun: () => void;
  openDashboard: (view?: DashboardView) => void;
  openRun: (runDir: string) => unknown;
  listRuns: () => unknown;
  compareRuns: (runDirs: string[]) => unknown;
  /** Sends the Experiments tab its data (the panel only; undefined where there is no table). */
  listExperiments?: () => unknown;
  /** Delete Run on these run ids, each already resolved inside the runs folder; the host confirms in a modal. */
  deleteRuns?: (runIds: string[]) => unknown;
  /** Copies the run's experiment to a new experiment file and opens it. */
  rerunWithEdits?: (runDir: string) => unknown;
  /** Decodes count latent codes with the shown run's decoder; undefined when no decoder can be reached. */
  decode?: (codes: Float32Array, count: number, labels?: number[]) => Promise<Float32Array[]>;
  /** Runs one sample through the shown run's saved model (Try it); undefined when no trainer can be started. */
  probe?: (sample: ProbeSample) => Promise<Probed>;
  /** Evaluate Run, given only a run id that resolves inside the runs folder; undefined where it cannot run. */
  evaluateRun?: (runId: string) => unknown;
  /** Asks the user for one file to probe; the path never comes from the webview. */
  showOpenDialog: () => Promise<string | undefined>;
  showSaveDialog: (defaultName: string) => Promise<string | undefined>;
  writeFile: (path: string, content: string) => Promise<void>;
}

export async function handleWebviewMessage(raw: unknown, deps: WebviewMessageDeps): Promise<void> {
  let message: ParsedWebviewMessage;
  try {
    const parsed = webviewToHostSchema().safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      deps.warn(`dropped an invalid dashboard message (${issue?.path.join('.') || 'root'}: ${issue?.message})`);
      return;
    }
    message = parsed.data;
  } catch (error) {
    deps.warn(`dropped an unreadable dashboard message: ${String(error)}`);
    return;
  }
  try {
    await dispatch(message, deps);
  } catch (error) {
    deps.warn(`dashboard message ${message.type} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function dispatch(message: ParsedWebviewMessage, deps: WebviewMessageDeps): Promise<void> {
  switch (message.type) {
    case 'INITIALIZED':
      return deps.initialized();
    case 'STOP_RUN':
      return deps.stopRun();
    case 'OPEN_DASHBOARD':
      return deps.openDashboard(message.view);
    case 'LIST_RUNS':
      return void (await deps.listRuns());
    case 'OPEN_RUN': {
      const runDir = resolveInRunsFolder(message.runId, deps);
      if (runDir) await deps.openRun(runDir);
      return;
    }
    case 'COMPARE_RUNS': {
      const runDirs = message.runIds.map((id) => resolveInRunsFolder(id, deps));
      if (runDirs.every((dir): dir is string => dir !== undefined)) await deps.compareRuns(runDirs);
      return;
    }
    case 'DECODE':
      return decode(message, deps);
    case 'EXPORT_FLAGGED':
      return exportFlagged(message.threshold, deps);
    case 'PROBE_FILE':
      return probeFile(message.requestId, deps);
    case 'PROBE_PIXELS':
      return probePixels(message, deps);
    case 'LIST_EXPERIMENTS':
      if (!deps.listExperiments) return deps.warn('dropped LIST_EXPERIMENTS: this webview has no Experiments table');
      return void (await deps.listExperiments());
    case 'DELETE_RUNS': {
      const runDirs = message.runIds.map((id) => resolveInRunsFolder(id, deps));
      if (!runDirs.every((dir) => dir !== undefined)) return;
      if (!deps.deleteRuns) return deps.warn('dropped DELETE_RUNS: this webview cannot delete runs');
      return void (await deps.deleteRuns(message.runIds));
    }
    case 'RERUN_WITH_EDITS': {
      const runDir = resolveInRunsFolder(message.runId, deps);
      if (!runDir) return;
      if (!deps.rerunWithEdits) return deps.warn('dropped RERUN_WITH_EDITS: this webview cannot write experiment files');
      return void (await deps.rerunWithEdits(runDir));
    }
    case 'EXPORT_EXPERIMENTS':
      return exportExperiments(message.runIds, message.columns, deps);
    case 'EVALUATE_RUN': {
      if (!resolveInRunsFolder(message.runId, deps)) return;
      if (!deps.evaluateRun) return deps.warn('dropped an evaluate request: this dashboard cannot start an evaluation');
      return void (await deps.evaluateRun(message.runId));
    }
  }
}

function resolveInRunsFolder(runId: string, deps: WebviewMessageDeps): string | undefined {
  const runsDir = deps.runsDir();
  const runDir = runsDir ? resolveRunDir(runsDir, runId) : undefined;
  if (!runDir) deps.warn(`rejected run id ${JSON.stringify(runId.slice(0, 80))}: not a run in the runs folder`);
  return runDir;
}

async function decode(message: Extract<ParsedWebviewMessage, { type: 'DECODE' }>, deps: WebviewMessageDeps): Promise<void> {
  const { requestId, codes, count, labels } = message;
  const latentDim = deps.data().latent?.latentDim;
  const fits = latentDim ? codes.length === count * latentDim : codes.length > 0 && codes.length % count === 0;
  if (!fits) return deps.warn(`dropped a decode request: ${codes.length} values do not make ${count} codes`);
  if (labels && labels.length !== count) return deps.warn(`dropped a decode request: ${labels.length} labels for ${count} codes`);
  if (!deps.decode) return deps.reply({ type: 'DECODED', requestId, error: 'No decoder is available for this run.' });
  try {
    deps.reply({ type: 'DECODED', requestId, images: await deps.decode(codes, count, labels) });
  } catch (error) {
    deps.reply({ type: 'DECODED', requestId, error: error instanceof Error ? error.message : String(error) });
  }
}

async function exportFlagged(threshold: number, deps: WebviewMessageDeps): Promise<void> {
  const data = deps.data();
  const flagged = flaggedCsv(data, threshold);
  if (!flagged) return deps.reply({ type: 'EXPORT_RESULT', ok: false, message: 'This run has no reconstruction errors to export.' });
  // The only place a file is written: where the user chose in the save dialog.
  const target = await deps.showSaveDialog(`${data.run?.runId ?? 'run'}-flagged.csv`);
  if (!target) return deps.reply({ type: 'EXPORT_RESULT', ok: false, message: 'Export cancelled.' });
  await deps.writeFile(target, flagged.csv);
  deps.reply({ type: 'EXPORT_RESULT', ok: true, message: `Exported ${flagged.rows} flagged samples to ${target}` });
}

async function exportExperiments(runIds: string[], columns: string[], deps: WebviewMessageDeps): Promise<void> {
  const experiments = deps.data().experiments;
  if (!experiments?.rows.length) return deps.reply({ type: 'EXPORT_RESULT', ok: false, message: 'There are no runs to export.' });
  const table = experimentsCsv(experiments, runIds, columns);
  const target = await deps.showSaveDialog('experiments.csv');
  if (!target) return deps.reply({ type: 'EXPORT_RESULT', ok: false, message: 'Export cancelled.' });
  await deps.writeFile(target, table.csv);
  deps.reply({ type: 'EXPORT_RESULT', ok: true, message: `Exported ${table.rows} runs to ${target}` });
}
