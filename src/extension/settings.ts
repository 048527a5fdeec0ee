// Typed access to the autoencoderLab.* settings.
import * as vscode from 'vscode';
import { isAbsolute, join } from 'node:path';
import type { BackendName } from '../protocol/experiment';

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
  return value === 'node' || value === 'wasm' || value === 'cpu' ? value : undefined;
}

export function openDashboardOnTrain(): boolean {
  return config().get<boolean>('openDashboardOnTrain', true);
}
