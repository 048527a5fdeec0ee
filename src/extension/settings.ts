// Typed access to the autoencoderLab.* settings, read on use so changes apply without a reload.
import * as vscode from 'vscode';
import { isAbsolute, join } from 'node:path';
import { BACKENDS, MODEL_KINDS, type BackendName, type ModelKind } from '../protocol/experiment';
import { DEFAULT_KIND_FOR } from '../protocol/kinds';
import { MAX_TRAINING_THREADS } from '../protocol/trainerMessages';
import type { KindDefaults } from './data/dataKind';

export function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('autoencoderLab');
}

export function runsDirectory(): string | undefined {
  const setting = config().get<string>('runsDirectory', '.aelab/runs');
  if (isAbsolute(setting)) return setting;
  const root = workspaceRoot();
  return root ? join(root, setting) : undefined;
}

export function backendSetting(): BackendName | undefined {
  const value = config().get<string>('backend', 'auto');
  return BACKENDS.find((name) => name === value);
}

/** autoencoderLab.trainingThreads; 0 (auto) leaves the choice to the trainer. */
export function trainingThreads(): number | undefined {
  const value = config().get<number>('trainingThreads', 0);
  return Number.isInteger(value) && value >= 1 && value <= MAX_TRAINING_THREADS ? value : undefined;
}

export function openDashboardOnTrain(): boolean {
  return config().get<boolean>('openDashboardOnTrain', true);
}

function kindSetting(key: string, fallback: ModelKind): ModelKind {
  const value = config().get<string>(key, fallback);
  return MODEL_KINDS.find((kind) => kind === value) ?? fallback;
}

export function kindDefaults(): KindDefaults {
  return { image: kindSetting('defaultImageKind', DEFAULT_KIND_FOR.images), table: kindSetting('defaultTableKind', DEFAULT_KIND_FOR.table) };
}

export type WhenBusy = 'ask' | 'queue' | 'stop';

/** What a training request does while another run is active. */
export function whenBusy(): WhenBusy {
  const value = config().get<string>('whenBusy', 'ask');
  return value === 'queue' || value === 'stop' ? value : 'ask';
}
