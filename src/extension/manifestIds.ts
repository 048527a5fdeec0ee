// The ids package.json's "contributes" names. Activation (extension.ts) registers them before it loads anything
// else, so they live here, apart from the code behind them (extensionCore.ts).

/** Every command, without the `autoencoderLab.` prefix. */
export const COMMAND_NAMES = [
  'newExperiment',
  'trainExperiment',
  'runSweep',
  'trainOnFolder',
  'stopTraining',
  'resumeRun',
  'openDashboard',
  'compareRuns',
  'openRun',
  'refreshRuns',
  'exportModel',
  'exportEncoder',
  'exportEmbeddings',
  'openExperimentsTable',
  'evaluateRun',
  'exportKerasScript',
  'exportPytorchScript',
  'applyAutoencoder',
  'deleteRun',
  'installNativeBackend',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const RUNS_VIEW_ID = 'autoencoderLab.runs';
export const SIDEBAR_VIEW_ID = 'autoencoderLab.sidebar';
export const DASHBOARD_VIEW_TYPE = 'autoencoderLab.dashboard';
/** The files the experiment code lenses stand in. */
export const EXPERIMENT_FILES = '**/*.ae.json';
