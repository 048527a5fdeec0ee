// The files of one run folder, <runsDir>/<run-id>/…: every reader and writer of run files names them from here.
import { join } from 'node:path';

export const RUN_FILES = {
  experiment: 'experiment.json',
  metrics: 'metrics.jsonl',
  summary: 'summary.json',
  log: 'log.txt',
  data: 'data.json',
  /** How well the run does its jobs, beside baselines (protocol/evaluation.ts); written when training ends and by `aelab eval`. */
  evaluation: 'evaluation.json',
  model: 'model',
  encoder: 'encoder',
  decoder: 'decoder',
  checkpoint: 'checkpoint',
  /** The best epoch's weights (training aids): model/, encoder/ and decoder/ as at the top level, and BEST_FILES.manifest. */
  best: 'best',
  views: 'views',
  /** The training set's latent codes, for nearest-neighbour search on new data (see searchCodes.ts). */
  search: 'search',
} as const;
export type RunFile = keyof typeof RUN_FILES;

/** Inside checkpoint/: the manifest of tensors and the raw float32 values it describes. */
export const CHECKPOINT_FILES = { manifest: 'checkpoint.json', weights: 'weights.bin' } as const;

/** Inside best/: which epoch its models are from (src/runs/bestModelFile.ts). */
export const BEST_FILES = { manifest: 'best.json' } as const;

/** Inside search/: the codes as raw float32 rows, and which training sample each row is. */
export const SEARCH_FILES = { codes: 'codes.bin', index: 'index.json' } as const;

/** Inside model/, encoder/ and decoder/ (the tfjs layers format). */
export const MODEL_FILES = { topology: 'model.json', weights: 'weights.bin' } as const;

/** In <runs>/<sweep-id>/: the sweep's file (protocol/sweep.ts); its runs are ordinary run folders beside it. */
export const SWEEP_FILE = 'sweep.json';

export function runPath(runDir: string, file: RunFile, ...inside: string[]): string {
  return join(runDir, RUN_FILES[file], ...inside);
}
