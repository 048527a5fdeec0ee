// The runs folder as the dashboard sees it: a list of runs, and a safe way to turn a run id into a folder.
export { listRuns } from '../../runs/runList';

/** Run ids from a webview or a tree item are resolved by the one run-folder guard. */
export { resolveRunDir } from '../../runs/runGuard';
