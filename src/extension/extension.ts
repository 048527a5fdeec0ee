// Activation is cheap: nothing here loads TensorFlow. Training, embedding and decoding run in forked trainer processes.
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
import { registerDashboard } from './dashboard/registerDashboard';
import { registerExperimentCodeLens } from './editor/experimentCodeLens';
import { nativeBackendDir } from './nativeBackend/nativeBackendFolder';
import type { Services } from './services';
import { putAelabOnTerminalPath } from './terminal/aelabOnPath';
import { DecoderService } from './training/decoderService';
import { RunEvaluations } from './training/evaluateJob';
import { showRunProgress } from './training/runProgress';
import { RunScheduler } from './training/runScheduler';
import { recordSweepRuns, SweepRows } from './training/sweepRows';
import { trainerLaunch } from './training/trainerLaunch';
import { TrainingController } from './training/trainingController';
import { trainingStatusBar } from './training/trainingStatusBar';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Autoencoder Lab', { log: true });
  const trainerScript = vscode.Uri.joinPath(context.extensionUri, 'dist', 'trainer.js').fsPath;
  const nativeDir = nativeBackendDir(context.globalStorageUri.fsPath);
  const launch = trainerLaunch(trainerScript, nativeDir);
  const controller = new TrainingController(launch, log);
  const scheduler = new RunScheduler(controller);
  const decoders = new DecoderService(controller, launch, log);
  const services: Services = { controller, scheduler, launch, nativeBackendDir: nativeDir, log };
  const evaluations = new RunEvaluations(launch, log);
  const sweepRows = new SweepRows();
  putAelabOnTerminalPath(context);
  const command = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(`autoencoderLab.${id}`, run);

  context.subscriptions.push(
    log,
    controller,
    scheduler,
    decoders,
    evaluations,
    showRunProgress(controller),
    trainingStatusBar(controller, scheduler),
    ...recordSweepRuns(controller, sweepRows, { warn: (problem) => log.warn(problem), sweepEnded: showSweepEnded }),
    registerExperimentCodeLens(controller),
    ...registerDashboard(context, controller, { log, decode: decoders.decode, probe: decoders.probe }),
    command('newExperiment', () => newExperiment()),
    command('trainExperiment', (uri?: vscode.Uri) => trainExperiment(services, uri)),
    command('runSweep', (uri?: vscode.Uri) => runSweep(services, sweepRows, uri)),
    command('trainOnFolder', (uri?: vscode.Uri) => trainOnFolder(services, uri)),
    command('stopTraining', () => stopTraining(services)),
    command('resumeRun', (run?: unknown) => resumeRun(services, run)),
    command('exportModel', (run?: unknown) => exportRunFolder('model', run)),
    command('exportEncoder', (run?: unknown) => exportRunFolder('encoder', run)),
    command('exportEmbeddings', (run?: unknown) => exportEmbeddings(services, run)),
    command('evaluateRun', (run?: unknown) => evaluateRun(services, evaluations, run)),
    command('exportKerasScript', (run?: unknown) => exportKerasScript(run)),
    command('exportPytorchScript', (run?: unknown) => exportPytorchScript(run)),
    command('applyAutoencoder', (uri?: unknown) => applyAutoencoder(services, uri)),
    command('deleteRun', (run?: unknown, selected?: unknown) => deleteRun(services, run, selected)),
    command('installNativeBackend', () => installNativeBackend(services)),
    command('openExperimentsTable', () => openExperimentsTable()),
  );
}

export function deactivate(): void {
  // Everything is disposed with the subscriptions; the controller stops any trainer.
}
