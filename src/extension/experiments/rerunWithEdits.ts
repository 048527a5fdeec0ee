// Re-run with edits: the run's experiment (as it trained, defaults filled) written to a new *.ae.json next to the
// experiment file it came from, so data.source still resolves, and opened for editing; training it is the usual lens.
import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { readRunExperiment } from '../../runs/experimentFile';

export async function rerunWithEdits(runDir: string): Promise<void> {
  let saved;
  try {
    saved = readRunExperiment(runDir);
  } catch (error) {
    void vscode.window.showErrorMessage(`Autoencoder Lab: cannot re-run ${basename(runDir)}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  // The sweep block made this run one of many; the copy is this one setting.
  const { sweep: _sweep, ...experiment } = saved.experiment;
  const folder = existsSync(dirname(saved.experimentFile)) ? dirname(saved.experimentFile) : runDir;
  const file = freeName(folder, `${experiment.name}-rerun`);
  writeFileSync(file, `${JSON.stringify(experiment, null, 2)}\n`, { flag: 'wx' });
  await vscode.window.showTextDocument(vscode.Uri.file(file));
}

function freeName(folder: string, stem: string): string {
  const safe = stem.replace(/[^\w.-]+/g, '-');
  for (let n = 1; ; n++) {
    const file = join(folder, `${safe}${n === 1 ? '' : `-${n}`}.ae.json`);
    if (!existsSync(file)) return file;
  }
}
