// train-folder, resume and export-embeddings: the engine side of the VS Code right-click, Resume and Export commands.
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../src/protocol/trainerMessages';
import { runNode } from '../helpers/runNode';
import { CLI_SCRIPT, tempWorkspace } from '../helpers/experimentFiles';

const FIXTURE = join(__dirname, '..', 'fixtures', 'images-small');

function aelab(args: string[], cwd: string) {
  return runNode([CLI_SCRIPT, ...args], { cwd });
}

describe('aelab train-folder, resume, export-embeddings', () => {
  it('train-folder writes a repeatable experiment next to the runs, trains it, and resume/export work on the run', async () => {
    const workspace = tempWorkspace();
    cpSync(FIXTURE, join(workspace, 'shapes'), { recursive: true });
    const trained = await aelab(['train-folder', 'shapes', '--kind', 'deep', '--epochs', '2', '--json'], workspace);
    expect(trained.status, trained.stderr).toBe(0);
    const summary = JSON.parse(trained.stdout);
    expect(summary).toMatchObject({ status: 'completed', kind: 'deep', epochs: 2, trainSamples: 22, validationSamples: 2 });

    const experiment = JSON.parse(readFileSync(join(workspace, '.aelab', 'experiments', 'shapes-deep.ae.json'), 'utf8'));
    expect(experiment).toMatchObject({ kind: 'deep', data: { source: '../../shapes' } });
    expect(experiment.training.batchSize).toBeLessThanOrEqual(5);

    const runDir = join(workspace, '.aelab', 'runs', summary.runId);
    const resumed = await aelab(['resume', runDir, '--epochs', '3', '--json'], workspace);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ status: 'completed', epochs: 3, runId: summary.runId });
    const epochs = readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as EpochMetrics).epoch);
    expect(epochs).toEqual([1, 2, 3]);

    const exported = await aelab(['export-embeddings', runDir, '--out', 'codes.csv'], workspace);
    expect(exported.status, exported.stderr).toBe(0);
    const lines = readFileSync(join(workspace, 'codes.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^source,label,z0,z1,/);
    expect(lines).toHaveLength(1 + 24);
    expect(lines.filter((l) => l.startsWith('circle/')).every((l) => l.split(',')[1] === 'circle')).toBe(true);
    expect(readdirSync(workspace).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('a streamed image folder (data.stream) trains through the CLI without loading the training images up front', async () => {
    const workspace = tempWorkspace();
    cpSync(FIXTURE, join(workspace, 'shapes'), { recursive: true });
    writeFileSync(
      join(workspace, 'stream.ae.json'),
      JSON.stringify({ name: 'stream', kind: 'deep', data: { source: 'shapes', stream: true, validationSplit: 0.25 }, model: { hidden: [16], latentDim: 4 }, training: { epochs: 3, batchSize: 6 } }),
    );
    const result = await aelab(['train', 'stream.ae.json', '--json'], workspace);
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(readFileSync(join(workspace, '.aelab', 'runs', summary.runId, 'log.txt'), 'utf8')).toMatch(/streaming 24 images of 28x28x1/);
    expect(summary).toMatchObject({ status: 'completed', trainSamples: 18, validationSamples: 6 });
    const losses = readFileSync(join(workspace, '.aelab', 'runs', summary.runId, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as EpochMetrics).loss);
    expect(losses[2]).toBeLessThan(losses[0]);
  });

  it('a streamed image folder with no validation split shows its training samples in the views', async () => {
    const workspace = tempWorkspace();
    cpSync(FIXTURE, join(workspace, 'shapes'), { recursive: true });
    writeFileSync(
      join(workspace, 'all.ae.json'),
      JSON.stringify({ name: 'all', kind: 'deep', data: { source: 'shapes', stream: true, validationSplit: 0 }, model: { hidden: [16], latentDim: 4 }, training: { epochs: 2, batchSize: 6 } }),
    );
    const result = await aelab(['train', 'all.ae.json', '--json'], workspace);
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ status: 'completed', trainSamples: 24, validationSamples: 0 });
    const reconstructions = JSON.parse(readFileSync(join(workspace, '.aelab', 'runs', summary.runId, 'views', 'reconstructions.json'), 'utf8'));
    expect(reconstructions.inputs.length).toBeGreaterThan(0);
  });

  it('train-folder defaults to conv for an image folder and refuses a missing path with exit 2', async () => {
    const workspace = tempWorkspace();
    const missing = await aelab(['train-folder', 'nope'], workspace);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope');
  });

  it('an unwritable runs folder gives a clear write error and leaves no files', async () => {
    const workspace = tempWorkspace();
    writeFileSync(join(workspace, 'runs'), 'a file where the runs folder should be');
    const result = await aelab(['new', 'deep', 'w'], workspace);
    expect(result.status).toBe(0);
    const train = await aelab(['train', 'experiments/w.ae.json', '--runs-dir', 'runs/inside', '--epochs', '1'], workspace);
    expect(train.status).toBe(1);
    expect(train.stderr).toMatch(/cannot write the run: .*ENOTDIR/);
    expect(readdirSync(workspace).sort()).toEqual(['experiments', 'runs']);
  });

  it('resume refuses a folder that is not a run', async () => {
    const workspace = tempWorkspace();
    const result = await aelab(['resume', workspace], workspace);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('not a run folder');
  });
});
