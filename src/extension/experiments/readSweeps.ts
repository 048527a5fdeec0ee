// Every <runs>/<dir>/sweep.json, as the Experiments table groups runs: sweep id, swept keys and its runs' ids.
// A damaged sweep.json is skipped and reported (the reader's message names the file, line and field).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExperimentSweep } from '../../protocol/dashboardMessages';
import { isInputError } from '../../protocol/errors';
import { sweepFileSchema } from '../../protocol/sweep';
import { SWEEP_FILE } from '../../runs/layout';
import { readRunJson } from '../../runs/readJsonFile';

export function readSweeps(runsDir: string): { sweeps: ExperimentSweep[]; problems: string[] } {
  const sweeps: ExperimentSweep[] = [];
  const problems: string[] = [];
  let dirs: string[];
  try {
    dirs = readdirSync(runsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return { sweeps, problems };
  }
  for (const dir of dirs) {
    const file = join(runsDir, dir, SWEEP_FILE);
    if (!existsSync(file)) continue;
    try {
      const sweep = readRunJson(file, sweepFileSchema);
      const runIds = sweep.runs.map((run) => run.runId).filter((id): id is string => id !== null);
      // The folder is the id the runs folder knows, whatever the file says.
      sweeps.push({ sweepId: dir, name: sweep.name, method: sweep.method, keys: sweep.keys, runIds });
    } catch (error) {
      if (!isInputError(error)) throw error;
      problems.push(error.message);
    }
  }
  return { sweeps, problems };
}
