// What every PyTorch export test does around its assertions: find Debian's torch, train a tiny tfjs run with the CLI,
// export it, run the exported script and find the run folder it wrote.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { findTorchPython } from '../../../src/templates/python/torchPython';
import { CLI_SCRIPT, writeExperiment } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';
import { runProgram } from '../../helpers/runProgram';

/** The interpreter with torch; throws naming why each candidate failed (the tests never skip without it). */
export function torchPython(): string {
  const reasons: string[] = [];
  const torch = findTorchPython(reasons);
  if (!torch) throw new Error(`no Python with torch (install Debian's python3-torch, or set AELAB_PYTHON): ${reasons.join('; ')}`);
  return torch.python;
}

/** Trains `experiment` (it must have a `name`) with tfjs on the cpu backend into `runsDir`; its run folder. */
export async function trainTfjsRun(workspace: string, experiment: Record<string, unknown> & { name: string }, runsDir: string): Promise<string> {
  const file = writeExperiment(workspace, experiment as never);
  const trained = await runNode([CLI_SCRIPT, 'train', file, '--backend', 'cpu', '--runs-dir', runsDir], { cwd: workspace });
  expect(trained.status, trained.stderr).toBe(0);
  return join(runsDir, readdirSync(runsDir).find((id) => id.startsWith(`${experiment.name}-`))!);
}

/** `aelab export-pytorch runDir --out script`, which must succeed; its result. */
export async function exportScript(runDir: string, script: string) {
  const exported = await runNode([CLI_SCRIPT, 'export-pytorch', runDir, '--out', script]);
  expect(exported.status, exported.stderr).toBe(0);
  return exported;
}

/** Runs an exported script with `args`; throws with its output unless it exits 0. */
export async function runScript(args: string[], cwd: string) {
  const result = await runProgram(torchPython(), args, { cwd, timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** The one run folder a script wrote under `runsDir`. */
export function onlyRunIn(runsDir: string): string {
  const ids = readdirSync(runsDir);
  expect(ids).toHaveLength(1);
  return join(runsDir, ids[0]);
}

/** A copy of `runDir` at `copy` whose experiment.json is edited: the export reads only the folder. */
export function editedRunCopy(runDir: string, copy: string, edit: (experiment: { kind: string; data: Record<string, unknown>; training: Record<string, unknown> }) => void): string {
  cpSync(runDir, copy, { recursive: true });
  const file = join(copy, 'experiment.json');
  const experiment = JSON.parse(readFileSync(file, 'utf8'));
  edit(experiment);
  writeFileSync(file, JSON.stringify(experiment));
  return copy;
}
