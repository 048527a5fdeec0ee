// Trains a run through the built CLI as a user would, for tests that then apply, score or evaluate it: writes
// `<workspace>/<name>.ae.json`, runs `aelab train <name>.ae.json --backend cpu --json` there (it must succeed) and
// returns the run folder it reports, under the workspace's default .aelab/runs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { CLI_SCRIPT } from './experimentFiles';
import { runNode } from './runNode';

/** `experiment` is the file's content but for its name, which also names the file. */
export async function trainWithCli(workspace: string, name: string, experiment: object): Promise<string> {
  writeFileSync(join(workspace, `${name}.ae.json`), JSON.stringify({ name, ...experiment }));
  const result = await runNode([CLI_SCRIPT, 'train', `${name}.ae.json`, '--backend', 'cpu', '--json'], { cwd: workspace });
  expect(result.status, result.stderr).toBe(0);
  return join(workspace, '.aelab', 'runs', JSON.parse(result.stdout).runId);
}
