// What `aelab export-pytorch` refuses (exit 2, naming the folder and the field with the reason) and how an exported
// script ends when it is told to stop: SIGTERM leaves its summary "stopped", never "running".
import { existsSync, readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMetrics } from '../../../src/runs/metricsFile';
import { requireSummary } from '../../../src/runs/summaryFile';
import { CLI_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';
import { runProgram } from '../../helpers/runProgram';
import { editedRunCopy, onlyRunIn, torchPython, trainTfjsRun } from './exportFixture';
import { writeDigitsIdx } from './idxFixture';

const workspace = tempWorkspace('aelab-pytorch-refusals-');
let runDir = '';

beforeAll(async () => {
  writeDigitsIdx(join(workspace, 'digits.idx3-ubyte'), 120, 8);
  runDir = await trainTfjsRun(
    workspace,
    {
      name: 'small',
      kind: 'deep',
      data: { source: 'digits.idx3-ubyte', validationSplit: 0.25 },
      model: { hidden: [16], latentDim: 4 },
      training: { epochs: 1, batchSize: 32, learningRate: 0.003, seed: 2 },
    },
    join(workspace, 'runs'),
  );
}, 120_000);

/** A copy of the trained run whose experiment.json is edited: the export reads only the folder. */
const editedRun = (name: string, edit: Parameters<typeof editedRunCopy>[2]) => editedRunCopy(runDir, join(workspace, name), edit);

async function exportRun(dir: string) {
  const out = join(workspace, 'scripts', `${dir.split('/').at(-1)}.py`);
  return { ...(await runNode([CLI_SCRIPT, 'export-pytorch', dir, '--out', out])), out };
}

describe('aelab export-pytorch refuses what it cannot express', () => {
  it.each([
    ['aae', /three optimizers/],
    ['cvae', /one-hot label as a second input/],
    ['vq-vae', /codebook/],
  ])('kind %s: exit 2, naming the run folder, the field and why', async (kind, why) => {
    const dir = editedRun(`kind-${kind}`, (experiment) => (experiment.kind = kind));
    const result = await exportRun(dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${dir}: field "kind": kind "${kind}" cannot be exported to PyTorch`);
    expect(result.stderr).toMatch(why);
    expect(existsSync(result.out)).toBe(false);
  });

  it('a time-series run: exit 2 naming data.format', async () => {
    const dir = editedRun('series', (experiment) => Object.assign(experiment.data, { format: 'timeseries', source: 'weather.csv' }));
    const result = await exportRun(dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('field "data.format": the PyTorch export does not support data.format "timeseries"');
  });

  it('data.includeLabels: exit 2 naming the field', async () => {
    const dir = editedRun('one-class', (experiment) => (experiment.data.includeLabels = [1]));
    const result = await exportRun(dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('field "data.includeLabels"');
  });

  it('a folder that is not a run: exit 2 naming it', async () => {
    const result = await exportRun(workspace);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${workspace}: not a run folder: experiment.json is missing`);
  });
});

describe('an exported script given data that is not there', () => {
  it('exits 2 naming the path, and its run ends "failed" with reason "input"', async () => {
    const python = torchPython();
    const exported = await exportRun(runDir);
    expect(exported.status, exported.stderr).toBe(0);
    const runsDir = join(workspace, 'missing-data-runs');
    const missing = join(workspace, 'elsewhere', 'digits.idx3-ubyte');
    const result = await runProgram(python, [exported.out, '--data', missing, '--runs-dir', runsDir], { timeout: 120_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${missing}: no such file or folder; pass --data`);
    const summary = requireSummary(onlyRunIn(runsDir));
    expect(summary.status).toBe('failed');
    expect(summary.error).toMatchObject({ reason: 'input', message: expect.stringContaining(missing) });
  }, 120_000);
});

describe('an exported script told to stop', () => {
  it('leaves summary.json "stopped" with its end time on SIGTERM and exits 143; while running it names its pid', async () => {
    const python = torchPython();
    const exported = await exportRun(runDir);
    expect(exported.status, exported.stderr).toBe(0);
    const runsDir = join(workspace, 'stopped-runs');
    const child = spawn(python, [exported.out, '--epochs', '100000', '--runs-dir', runsDir], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const metricsFile = () => (existsSync(runsDir) && readdirSync(runsDir).length ? join(runsDir, readdirSync(runsDir)[0], 'metrics.jsonl') : '');
    for (let waited = 0; !(metricsFile() && existsSync(metricsFile())); waited += 100) {
      if (waited > 60_000) throw new Error('the script wrote no epoch within a minute');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const folder = join(runsDir, readdirSync(runsDir)[0]);
    const running = requireSummary(folder);
    expect(running.status).toBe('running');
    expect(running.owner?.pid).toBe(child.pid);

    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    const summary = requireSummary(folder);
    expect(summary.status).toBe('stopped');
    expect(summary.endedAt).not.toBeNull();
    expect(summary.owner).toBeUndefined();
    expect(summary.epochs).toBe(readMetrics(folder).length);
  }, 120_000);
});
