// What the commands share, created once in activate().
import type * as vscode from 'vscode';
import type { RunScheduler } from './training/runScheduler';
import type { TrainerLaunch } from './training/trainerLaunch';
import type { TrainingController } from './training/trainingController';

export interface Services {
  controller: TrainingController;
  scheduler: RunScheduler;
  /** Every job (train, embed, serve) runs in a child process started this way. */
  launch: TrainerLaunch;
  /** Where Install Native Backend puts tfjs-node. */
  nativeBackendDir: string;
  log: vscode.LogOutputChannel;
}
