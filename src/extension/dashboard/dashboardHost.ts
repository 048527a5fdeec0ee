// What the panel and the side view share: the live run, the controller, settings and the lead's injected services.
import type * as vscode from 'vscode';
import type { ProbeMessage, Probed } from '../../protocol/applyMessages';
import type { DashboardView } from '../../protocol/dashboardMessages';
import type { TrainingController } from '../training/trainingController';
import type { LiveRun } from './liveRun';

export interface DashboardDeps {
  log: vscode.LogOutputChannel;
  /** Decodes `count` latent codes (row-major) with the decoder of the run in runDir: the live trainer or a server. */
  decode?: (codes: Float32Array, count: number, runDir: string, labels?: number[]) => Promise<Float32Array[]>;
  /** Runs one sample through the saved model of the run in runDir (the Try it view). */
  probe?: (sample: ProbeMessage['sample'], runDir: string) => Promise<Probed>;
}

export interface DashboardHost {
  extensionUri: vscode.Uri;
  controller: TrainingController;
  live: LiveRun;
  deps: DashboardDeps;
  runsDir(): string | undefined;
  updateRate(): number;
  openDashboard(view?: DashboardView): void;
  openRun(runDir: string): Promise<void>;
}
