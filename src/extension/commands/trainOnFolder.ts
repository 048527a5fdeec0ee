// Train on Folder: right-click a folder of images or an .idx/.csv/.npy file, pick a kind (conv for images and deep
// for tables by default; conv1d and lstm read a CSV as a time series), write experiments/<data>-<kind>.ae.json (never
// over an edited or other file) and train it.
import { pickDataUri } from '../data/pickDataUri';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ModelKind } from '../../protocol/experiment';
import { writeFolderExperiment, type FolderExperimentFile } from '../../templates/folderExperiment';
import { TEMPLATES } from '../../templates/templates';
import { dataShapeOf, defaultKind, needsImages, type DataShape } from '../data/dataKind';
import { needsSeries } from '../../protocol/kinds';
import type { Services } from '../services';
import { kindDefaults } from '../settings';


async function pickKind(shape: DataShape): Promise<ModelKind | undefined> {
  const preferred = defaultKind(shape, kindDefaults());
  // The main template of each kind; conv models cannot read a table, sequence models (conv1d, lstm) cannot read images.
  const mains = TEMPLATES.filter((t, i) => TEMPLATES.findIndex((other) => other.kind === t.kind) === i);
  // Audio patches are image-shaped: every format but tables takes the kinds that do not need series.
  const usable = mains.filter((t) => (shape === 'table' ? !needsImages(t.experiment('x')) : !needsSeries(t.kind, t.experiment('x').model)));
  const ordered = [...usable.filter((t) => t.kind === preferred), ...usable.filter((t) => t.kind !== preferred)];
  const picked = await vscode.window.showQuickPick(
    ordered.map((t) => ({ label: t.kind, description: describeKind(t, shape, preferred), detail: t.label, modelKind: t.kind })),
    { title: `Train on Folder: kind of autoencoder for ${shape === 'images' ? 'these images' : shape === 'audio' ? 'this audio' : 'this table'}`, placeHolder: `Enter for ${preferred}` },
  );
  return picked?.modelKind;
}

/** On a CSV the sequence templates cut windows of a time series (src/templates/seriesData.ts); the menu says so. */
function describeKind(template: (typeof TEMPLATES)[number], shape: DataShape, preferred: ModelKind): string | undefined {
  if (template.kind === preferred) return `default for ${shape}`;
  return shape === 'table' && needsSeries(template.kind, template.experiment('x').model) ? 'reads the CSV as a time series (windows)' : undefined;
}

export async function trainOnFolder(services: Services, uri?: vscode.Uri): Promise<void> {
  const data = uri instanceof vscode.Uri ? uri : await pickDataUri('Train on Folder: a folder of images or WAV files, or an .idx, .csv, .npy or .wav file', 'Train on This');
  if (!data) return;
  const folder = vscode.workspace.getWorkspaceFolder(data) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('Autoencoder Lab: open a folder first; experiments and runs are saved in the workspace.');
    return;
  }
  let shape: DataShape | undefined;
  try {
    shape = dataShapeOf(data.fsPath, statSync(data.fsPath).isDirectory());
  } catch {
    shape = undefined;
  }
  if (!shape) {
    void vscode.window.showErrorMessage(`Autoencoder Lab: ${vscode.workspace.asRelativePath(data)} is not a folder of images or WAV files, or an .idx, .csv, .npy or .wav file.`);
    return;
  }
  const kind = await pickKind(shape);
  if (!kind) return;
  let written: FolderExperimentFile;
  try {
    written = writeFolderExperiment({ dataPath: data.fsPath, kind, experimentsDir: join(folder.uri.fsPath, 'experiments') });
  } catch (error) {
    void vscode.window.showErrorMessage(`Autoencoder Lab: cannot write an experiment for ${vscode.workspace.asRelativePath(data)}: ${String(error instanceof Error ? error.message : error)}`);
    return;
  }
  services.log.info(`Train on Folder: ${written.written ? 'wrote' : 'reusing the unchanged'} ${written.file}`);
  await services.scheduler.request({ experimentFile: written.file });
}
