// Everything behind what activation registers: the training controller and queue, the jobs, the dashboard, the code
// lens and every command's code. Bundled apart (dist/extensionCore.js) and started the first time one of them is used
// (extension.ts), so that activation loads none of it. Nothing here loads TensorFlow: training, embedding and decoding
// run in forked trainer processes.
import * as vscode from 'vscode';
import { applyAutoencoder } from './apply/applyAutoencoder';
import { deleteRun } from './commands/deleteRun';
import { evaluateRun } from './commands/evaluateRun';
import { openExperimentsTable } from './commands/openExperimentsTable';
import { exportEmbeddings } from './commands/exportEmbeddings';
import { exportKerasScript } from './commands/exportKerasScript';
import { exportPytorchScript } from './commands/exportPytorchScript';
import { exportRunFolder } from './commands/exportRunFolder';
import { installNativeBackend } from './commands/installNativeBackend';
import { newExperiment } from './commands/newExperiment';
import { resumeRun } from './commands/resumeRun';
import { runSweep, showSweepEnded } from './commands/runSweep';
import { stopTraining } from './commands/stopTraining';
import { trainExperiment } from './commands/trainExperiment';
import { trainOnFolder } from './commands/trainOnFolder';
import type { RunsTreeProvider } from './dashboard/runsTreeProvider';
import { startDashboard } from './dashboard/startDashboard';
import { experimentCodeLens } from './editor/experimentCodeLens';
import type { CommandName } from './manifestIds';
import { nativeBackendDir } from './nativeBackend/nativeBackendFolder';
import type { Services } from './services';
import { DecoderService } from './training/decoderService';
import { RunEvaluations } from './training/evaluateJob';
import { showRunProgress } from './training/runProgress';
import { RunScheduler } from './training/runScheduler';
import { recordSweepRuns, SweepRows } from './training/sweepRows';
import { trainerLaunch } from './training/trainerLaunch';
import { TrainingController } from './training/trainingController';
import { trainingStatusBar } from './training/trainingStatusBar';

export interface Core {
  commands: Record<CommandName, (...args: never[]) => unknown>;
  runsTree: RunsTreeProvider;
  sidebar: vscode.WebviewViewProvider;
  dashboardSerializer: vscode.WebviewPanelSerializer;
  codeLens: ReturnType<typeof experimentCodeLens>;
}

/** Starts it all; what it starts is disposed with `context.subscriptions`. */
export function startCore(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Core {
  const trainerScript = vscode.Uri.joinPath(context.extensionUri, 'dist', 'trainer.js').fsPath;
  const nativeDir = nativeBackendDir(context.globalStorageUri.fsPath);
  const launch = trainerLaunch(trainerScript, nativeDir);
  const controller = new TrainingController(launch, log);
  const scheduler = new RunScheduler(controller);
  const decoders = new DecoderService(controller, launch, log);
  const services: Services = { controller, scheduler, launch, nativeBackendDir: nativeDir, log };
  const evaluations = new RunEvaluations(launch, log);
  const sweepRows = new SweepRows();
  const codeLens = experimentCodeLens(controller);
  const dashboard = startDashboard(context, controller, { log, decode: decoders.decode, probe: decoders.probe });

  context.subscriptions.push(
    controller,
    scheduler,
    decoders,
    evaluations,
    showRunProgress(controller),
    trainingStatusBar(controller, scheduler),
    ...recordSweepRuns(controller, sweepRows, { warn: (problem) => log.warn(problem), sweepEnded: showSweepEnded }),
    codeLens,
    ...dashboard.disposables,
  );
  return {
    commands: {
      ...dashboard.commands,
      newExperiment: () => newExperiment(),
      trainExperiment: (uri?: vscode.Uri) => trainExperiment(services, uri),
      runSweep: (uri?: vscode.Uri) => runSweep(services, sweepRows, uri),
      trainOnFolder: (uri?: vscode.Uri) => trainOnFolder(services, uri),
      stopTraining: () => stopTraining(services),
      resumeRun: (run?: unknown) => resumeRun(services, run),
      exportModel: (run?: unknown) => exportRunFolder('model', run),
      exportEncoder: (run?: unknown) => exportRunFolder('encoder', run),
      exportEmbeddings: (run?: unknown) => exportEmbeddings(services, run),
      evaluateRun: (run?: unknown) => evaluateRun(services, evaluations, run),
      exportKerasScript: (run?: unknown) => exportKerasScript(run),
      exportPytorchScript: (run?: unknown) => exportPytorchScript(run),
      applyAutoencoder: (uri?: unknown) => applyAutoencoder(services, uri),
      deleteRun: (run?: unknown, selected?: unknown) => deleteRun(services, run, selected),
      installNativeBackend: () => installNativeBackend(services),
      openExperimentsTable: () => openExperimentsTable(),
    },
    runsTree: dashboard.runsTree,
    sidebar: dashboard.sidebar,
    dashboardSerializer: dashboard.serializer,
    codeLens,
  };
}
