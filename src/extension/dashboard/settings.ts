// The dashboard's own setting; the runs folder comes from the extension-wide settings module.
import * as vscode from 'vscode';
export { runsDirectory } from '../settings';

export const DEFAULT_UPDATE_RATE = 4;

/** Dashboard updates per second, clamped to something a webview can keep up with; read on use. */
export function updateRate(): number {
  const value = vscode.workspace.getConfiguration('autoencoderLab').get<number>('updateRate', DEFAULT_UPDATE_RATE);
  return Number.isFinite(value) ? Math.min(30, Math.max(0.2, value)) : DEFAULT_UPDATE_RATE;
}
