// New Experiment: pick a template, name it, write experiments/<name>.ae.json and open it.
import * as vscode from 'vscode';
import { uriExists } from '../uriExists';
import { TEMPLATES, renderTemplate } from '../../templates/templates';

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;


function experimentUri(folder: vscode.WorkspaceFolder, name: string): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, 'experiments', `${name}.ae.json`);
}

/** `deep-mnist`, or `deep-mnist-2`... when that file exists already. */
async function freeName(folder: vscode.WorkspaceFolder, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!(await uriExists(experimentUri(folder, name)))) return name;
  }
}

export async function newExperiment(): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    const open = await vscode.window.showErrorMessage('Autoencoder Lab: open a folder first; experiments are saved in the workspace.', 'Open Folder');
    if (open) await vscode.commands.executeCommand('workbench.action.files.openFolder');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    TEMPLATES.map((template) => ({ label: template.id, description: template.label, detail: template.reference, template })),
    { title: 'New Experiment (1/2): template', placeHolder: 'Which autoencoder? Each template reproduces a published setting.', matchOnDescription: true },
  );
  if (!picked) return undefined;
  const template = picked.template;
  const name = await vscode.window.showInputBox({
    title: 'New Experiment (2/2): name',
    prompt: 'Saved as experiments/<name>.ae.json',
    value: await freeName(folder, `${template.id}-mnist`),
    validateInput: async (value) => {
      if (!NAME_PATTERN.test(value)) return 'Use letters, digits, ".", "_" and "-" only';
      return (await uriExists(experimentUri(folder, value))) ? `experiments/${value}.ae.json already exists` : undefined;
    },
  });
  if (!name) return undefined;
  const uri = experimentUri(folder, name);
  if (await uriExists(uri)) return undefined; // created meanwhile; never overwrite
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(renderTemplate(template, name)));
  await vscode.window.showTextDocument(uri);
  return uri;
}
