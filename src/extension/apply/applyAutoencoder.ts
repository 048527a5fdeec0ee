// Apply Autoencoder…: right-click an image, an image folder or an IDX/CSV/NPY file (or pick one), choose a finished run
// that takes it and a job, and see the result: the image next to its reconstruction, the output folder, the scores CSV,
// the codes, or the nearest training samples. The job runs in a trainer process; cancelling ends it.
import { REGULAR_FILES_ONLY, specialFileKind } from '../../trainer/data/regularFile';
import { pickDataUri } from '../data/pickDataUri';
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import * as vscode from 'vscode';
import type { ApplyJob } from '../../protocol/applyMessages';
import { isModelKind, KINDS } from '../../protocol/kinds';
import type { Services } from '../services';
import { backendSetting, runsDirectory } from '../settings';
import { applicableRuns, type ApplicableRun } from './applicableRuns';
import { runApplyJob } from './applyJob';
import { defaultOutput } from './applyOutput';
import { inputShapeOf, InputShapeError, type InputShape } from './inputShape';
import { channelConversion, noRunFitsMessage } from './runFit';
import { showApplyOutcome } from './showApplyOutcome';

const PREFIX = 'Autoencoder Lab: ';
/** Used when a run has no saved threshold: flag the top 5% of the scored samples. */
const FALLBACK_PERCENTILE = 95;
const NEIGHBORS_K = 10;

const JOBS: Record<ApplyJob, { label: (denoising: boolean) => string; detail: string }> = {
  reconstruct: { label: (denoising) => (denoising ? 'Denoise' : 'Reconstruct'), detail: 'run the data through the autoencoder and save its output' },
  score: { label: () => 'Score anomalies', detail: 'reconstruction error per sample, flagged above the threshold' },
  encode: { label: () => 'Encode', detail: 'latent codes per sample (source, label, z0..zN)' },
  neighbors: { label: () => 'Find similar', detail: 'the nearest training samples in latent space' },
};

function fileUriOf(arg: unknown): vscode.Uri | undefined {
  return arg && typeof arg === 'object' && typeof (arg as vscode.Uri).fsPath === 'string' && (arg as vscode.Uri).scheme === 'file' ? (arg as vscode.Uri) : undefined;
}

function runDescription(run: ApplicableRun, shape: InputShape): string {
  const loss = run.item.bestValLoss === null ? 'no val loss' : `best val loss ${run.item.bestValLoss.toPrecision(4)}`;
  const conversion = channelConversion(run.input, shape);
  return [run.item.kind, loss, run.item.startedAt.slice(0, 16).replace('T', ' '), ...(conversion ? [conversion] : [])].join(' · ');
}

/** Whether the run's kind trains on corrupted inputs: its reconstructions are "denoised". */
const denoises = (run: ApplicableRun) => isModelKind(run.item.kind) && KINDS[run.item.kind].denoises;

async function pickRun(runs: ApplicableRun[], shape: InputShape, inputName: string): Promise<ApplicableRun | undefined> {
  const picked = await vscode.window.showQuickPick(
    runs.map((run) => ({ label: run.item.name, description: runDescription(run, shape), detail: run.item.runId, run })),
    { title: `Apply Autoencoder to ${inputName}`, placeHolder: 'Which run?', matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.run;
}

async function pickJob(run: ApplicableRun): Promise<ApplyJob | undefined> {
  const denoising = denoises(run);
  const threshold = run.data.threshold;
  const picked = await vscode.window.showQuickPick(
    (Object.keys(JOBS) as ApplyJob[]).map((job) => ({
      label: JOBS[job].label(denoising),
      detail: job === 'score' ? `${JOBS[job].detail}: ${threshold ? `the run's ${threshold.percentile}th percentile, ${threshold.value.toPrecision(4)}` : `no saved threshold, the ${FALLBACK_PERCENTILE}th percentile of these scores`}` : JOBS[job].detail,
      job,
    })),
    { title: `Apply ${run.item.name}`, placeHolder: 'What to do?' },
  );
  return picked?.job;
}

/** The output path (confirmed in a save dialog for files), '' for neighbors, undefined when the user backs out. */
async function chooseOutput(input: string, isDirectory: boolean, shape: InputShape, job: ApplyJob, run: ApplicableRun): Promise<string | undefined> {
  const choice = defaultOutput(input, isDirectory, shape, job, denoises(run));
  if (!choice.path) return '';
  if (choice.isFolder) return choice.path;
  const target = await vscode.window.showSaveDialog({ title: `Save the ${JOBS[job].label(denoises(run)).toLowerCase()} output`, defaultUri: vscode.Uri.file(choice.path), filters: choice.filters, saveLabel: 'Save' });
  if (!target) return undefined;
  const wanted = Object.values(choice.filters).flat();
  return wanted.includes(extname(target.fsPath).slice(1).toLowerCase()) ? target.fsPath : `${target.fsPath}.${wanted[0]}`;
}

export async function applyAutoencoder(services: Services, arg?: unknown): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(`${PREFIX}applying a run starts the trainer on workspace data; trust the workspace first.`);
    return;
  }
  const uri = fileUriOf(arg) ?? (await pickDataUri('Apply Autoencoder: an image, a folder of images, a WAV file or folder, or an IDX, CSV or NPY file', 'Apply to This'));
  if (!uri) return;
  const input = uri.fsPath;
  const inputName = vscode.workspace.asRelativePath(input);
  const runsDir = runsDirectory();
  if (!runsDir) {
    void vscode.window.showErrorMessage(`${PREFIX}open a folder first; runs are saved in the workspace.`);
    return;
  }
  let isDirectory: boolean;
  let shape: InputShape;
  try {
    const stats = statSync(input);
    // Opening a FIFO or a device for its header would block the extension host for good: refused from its stat.
    const special = specialFileKind(stats);
    if (special) throw new InputShapeError(`${input}: is ${special}, not a regular file; ${REGULAR_FILES_ONLY}`);
    isDirectory = stats.isDirectory();
    shape = inputShapeOf(input, isDirectory);
  } catch (error) {
    const why = error instanceof InputShapeError ? error.message : `${input}: ${error instanceof Error ? error.message : String(error)}`;
    void vscode.window.showErrorMessage(`${PREFIX}cannot apply a run to ${inputName}: ${why}`);
    return;
  }
  const { completed, finished, fitting } = await applicableRuns(runsDir, shape);
  if (fitting.length === 0) {
    void vscode.window.showInformationMessage(`${PREFIX}cannot apply a run to ${inputName}: ${noRunFitsMessage(shape, { completed, applicable: finished.length })}`);
    return;
  }
  const run = await pickRun(fitting, shape, inputName);
  const job = run && (await pickJob(run));
  if (!run || !job) return;
  const out = await chooseOutput(input, isDirectory, shape, job, run);
  if (out === undefined) return;
  const label = JOBS[job].label(denoises(run));
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${label}: ${inputName} with ${run.item.name}`, cancellable: true },
    (progress, token) => {
      let reported = 0;
      const handle = runApplyJob(
        services.launch,
        { job, runDir: run.runDir, input, out: out || undefined, backend: backendSetting(), ...(job === 'score' && !run.data.threshold ? { percentile: FALLBACK_PERCENTILE } : {}), ...(job === 'neighbors' ? { k: NEIGHBORS_K } : {}) },
        services.log,
        (done, total) => {
          const percent = total ? (100 * Math.min(done, total)) / total : reported;
          progress.report({ increment: percent - reported, message: total ? `${done} of ${total}` : `${done} samples` });
          reported = percent;
        },
      );
      token.onCancellationRequested(handle.cancel);
      return handle.outcome;
    },
  );
  await showApplyOutcome(outcome, { input, inputName, isDirectory, shape, run, label });
}
