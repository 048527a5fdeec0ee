// Watches <runsDir>/*/summary.json, the file every run rewrites on start, each epoch and at the end.
// Re-created when the runs folder setting changes; bursts of writes collapse into one refresh.
import * as vscode from 'vscode';

export function watchRunSummaries(runsDir: () => string | undefined, onChange: () => void, debounceMs = 400): vscode.Disposable {
  let watcher: vscode.FileSystemWatcher | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  const watch = () => {
    watcher?.dispose();
    const dir = runsDir();
    watcher = dir ? vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '*/summary.json')) : undefined;
    watcher?.onDidCreate(changed);
    watcher?.onDidChange(changed);
    watcher?.onDidDelete(changed);
  };
  watch();
  const config = vscode.workspace.onDidChangeConfiguration((event) => {
    if (!event.affectsConfiguration('autoencoderLab.runsDirectory')) return;
    watch();
    changed();
  });
  return {
    dispose: () => {
      clearTimeout(timer);
      watcher?.dispose();
      config.dispose();
    },
  };
}
