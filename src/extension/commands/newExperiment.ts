// New Experiment: pick a template, name it, write experiments/<name>.ae.json and open it.
import * as vscode from 'vscode';
import { TEMPLATES, renderTemplate } from '../../templates/templates';

const NAME_PATTERN = /^[A-Za-z0-9._-]+$/;

export async function newExperiment(): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('Autoencoder Lab: open a folder first; experiments are saved in the workspace.');
    return undefined;
  }
  const picked =
    TEMPLATES.length === 1
      ? { template: TEMPLATES[0] }
      : await vscode.window.showQuickPick(
          TEMPLATES.map((template) => ({ label: template.kind, description: template.label, detail: template.reference, template })),
          { title: 'New Experiment: kind', placeHolder: 'Which autoencoder?' },
        );
  if (!picked) return undefined;
  const template = picked.template;
  const name = await vscode.window.showInputBox({
    title: 'New Experiment: name',
    value: `${template.kind}-mnist`,
    validateInput: (value) => (NAME_PATTERN.test(value) ? undefined : 'Use letters, digits, ".", "_" and "-" only'),
  });
  if (!name) return undefined;
  const uri = vscode.Uri.joinPath(folder.uri, 'experiments', `${name}.ae.json`);
  try {
    await vscode.workspace.fs.stat(uri);
    void vscode.window.showErrorMessage(`Autoencoder Lab: ${vscode.workspace.asRelativePath(uri)} already exists; pick another name.`);
    return undefined;
  } catch {
    // does not exist yet: good
  }
  await vscode.workspace.fs.writeFile(uri, Buffer.from(renderTemplate(template, name), 'utf8'));
  await vscode.window.showTextDocument(uri);
  return uri;
}
