// The runs Apply Autoencoder offers: completed runs of our trainer whose data.json says what input they take, and which take this one.
import { join } from 'node:path';
import type { RunListItem } from '../../protocol/dashboardMessages';
import { readDataJson, type DataJson, type InputSpec } from '../../runs/dataFile';
import { listRuns } from '../../runs/runList';
import { lacksTfjsModel } from '../../protocol/trainedElsewhere';
import type { InputShape } from './inputShape';
import { channelConversion, runTakes } from './runFit';

export interface ApplicableRun {
  item: RunListItem;
  runDir: string;
  input: InputSpec;
  data: DataJson;
}

/**
 * `completed`: how many runs finished; `finished`: those that can be applied at all; `fitting`: those that take `shape`,
 * the ones that need no channel conversion first (each group newest first).
 */
export async function applicableRuns(runsDir: string, shape: InputShape): Promise<{ completed: number; finished: ApplicableRun[]; fitting: ApplicableRun[] }> {
  const finished: ApplicableRun[] = [];
  let completed = 0;
  for (const item of await listRuns(runsDir)) {
    // A run another engine trained may have no tfjs model to apply, though it carries a copy of its source's data.json.
    if (item.status !== 'completed' || lacksTfjsModel(item)) continue;
    completed++;
    const runDir = join(runsDir, item.runId);
    let data: DataJson | undefined;
    try {
      data = readDataJson(runDir);
    } catch {
      data = undefined; // an unreadable data.json: the run cannot be applied, and the Runs tree says what is wrong
    }
    if (data?.input) finished.push({ item, runDir, input: data.input, data });
  }
  const fitting = finished.filter((run) => runTakes(run.input, shape, !!run.data.audio));
  const converts = (run: ApplicableRun) => channelConversion(run.input, shape) !== undefined;
  return { completed, finished, fitting: [...fitting.filter((run) => !converts(run)), ...fitting.filter(converts)] };
}
