// What the commands share, created once in activate().
import type * as vscode from 'vscode';
import type { RunScheduler } from './training/runScheduler';
import type { TrainingController } from './training/trainingController';

export interface Services {
  controller: TrainingController;
  scheduler: RunScheduler;
  /** dist/trainer.js: every job (train, embed, serve) runs in a child process of it. */
  trainerScript: string;
  /** The environment of every trainer process (points it at an installed tfjs-node). */
  trainerEnv: () => NodeJS.ProcessEnv;
  /** Where Install Native Backend puts tfjs-node. */
  nativeBackendDir: string;
  log: vscode.LogOutputChannel;
}
