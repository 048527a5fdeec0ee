// Broken run files, a moved workspace and misleading words, through the real CLI: every case names the file and what is
// wrong, exits 2 for bad input, and a resume that cannot start leaves summary.json (and every other file) as it was.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src/protocol/trainerMessages';
import { runNode } from '../../helpers/runNode';
import { CLI_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';

const aelab = (args: string[], cwd: string) => runNode([CLI_SCRIPT, ...args], { cwd });
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/** A small numeric table: `rows` rows of 8 features in [0, 1], no header. */
function writeTable(file: string, rows: number): void {
  mkdirSync(join(file, '..'), { recursive: true });
  const lines = Array.from({ length: rows }, (_, r) => Array.from({ length: 8 }, (_, c) => ((r * 7 + c * 3) % 11) / 10).join(','));
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** A workspace with data/table.csv and experiments/table.ae.json (data.source relative to the experiment file). */
function tableWorkspace(rows = 40, training: Record<string, unknown> = {}): string {
  const workspace = tempWorkspace('aelab-runfiles-');
  writeTable(join(workspace, 'data', 'table.csv'), rows);
  mkdirSync(join(workspace, 'experiments'));
  const experiment = {
    name: 'table',
    kind: 'deep',
    data: { source: '../data/table.csv', validationSplit: 0.1 },
    model: { hidden: [6], latentDim: 2 },
    training: { epochs: 2, batchSize: 8, learningRate: 0.01, seed: 5, ...training },
  };
  writeFileSync(join(workspace, 'experiments', 'table.ae.json'), JSON.stringify(experiment, null, 2));
  return workspace;
}

/** Every file under a folder with its bytes, to prove a refused resume changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string, prefix: string) =>
    readdirSync(at, { withFileTypes: true }).forEach((entry) => {
      if (entry.isDirectory()) walk(join(at, entry.name), `${prefix}${entry.name}/`);
      else if (entry.name !== 'log.txt') files[`${prefix}${entry.name}`] = readFileSync(join(at, entry.name)).toString('base64');
    });
  walk(dir, '');
  return files;
}

/** A finished run of the table experiment, in a fresh workspace. */
async function trainTableRun(): Promise<{ workspace: string; runsDir: string; baseRun: string }> {
  const workspace = tableWorkspace();
  const trained = await aelab(['train', 'experiments/table.ae.json', '--backend', 'cpu', '--json'], workspace);
  expect(trained.status, trained.stderr).toBe(0);
  const runsDir = join(workspace, '.aelab', 'runs');
  return { workspace, runsDir, baseRun: join(runsDir, JSON.parse(trained.stdout).runId) };
}

describe('a resume that cannot start names the file and leaves the run as it was', () => {
  let workspace: string;
  let runsDir: string;
  let baseRun: string;

  beforeAll(async () => ({ workspace, runsDir, baseRun } = await trainTableRun()));

  /** A copy of the trained run, marked stopped (as after Ctrl+C), damaged by `damage`, then resumed. */
  async function resumeDamaged(name: string, damage: (runDir: string) => void) {
    const runDir = join(runsDir, name);
    cpSync(baseRun, runDir, { recursive: true });
    const summaryFile = join(runDir, 'summary.json');
    writeFileSync(summaryFile, JSON.stringify({ ...readJson(summaryFile), status: 'stopped' }, null, 2));
    damage(runDir);
    const before = snapshot(runDir);
    const result = await aelab(['resume', runDir, '--epochs', '4', '--backend', 'cpu'], workspace);
    expect(result.status, result.stderr).toBe(2);
    expect(snapshot(runDir)).toEqual(before);
    return { runDir, stderr: result.stderr };
  }

  it('a garbage line in metrics.jsonl: the line number', async () => {
    const { runDir, stderr } = await resumeDamaged('garbage-metrics', (dir) => {
      const lines = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n');
      writeFileSync(join(dir, 'metrics.jsonl'), `${lines[0]}\n{"epoch": 2, "loss": oops\n`);
    });
    expect(stderr).toContain(`${join(runDir, 'metrics.jsonl')}:2: not JSON`);
    expect(readJson(join(runDir, 'summary.json')).status).toBe('stopped');
  });

  it('a metrics line of the wrong shape: the line and the field', async () => {
    const { runDir, stderr } = await resumeDamaged('wrong-metrics', (dir) => writeFileSync(join(dir, 'metrics.jsonl'), '{"epoch": 1, "loss": "low", "val_loss": null, "seconds": 1, "samples_per_second": 1}\n'));
    expect(stderr).toContain(`${join(runDir, 'metrics.jsonl')}:1: field "loss": expected number, got "low"`);
  });

  it('a truncated checkpoint/weights.bin: its size and the size the manifest needs', async () => {
    const { runDir, stderr } = await resumeDamaged('truncated-weights', (dir) => truncateSync(join(dir, 'checkpoint', 'weights.bin'), 1204));
    expect(stderr).toMatch(new RegExp(`${join(runDir, 'checkpoint', 'weights.bin').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: 1,204 bytes but the manifest needs [\\d,]+; the checkpoint is damaged`));
    expect(readJson(join(runDir, 'summary.json')).status).toBe('stopped');
  });

  it('an invalid experiment.json: the line and the field', async () => {
    const { runDir, stderr } = await resumeDamaged('invalid-experiment', (dir) => {
      const experiment = readJson(join(dir, 'experiment.json'));
      writeFileSync(join(dir, 'experiment.json'), JSON.stringify({ ...experiment, training: { ...experiment.training, optimizer: 'adamw' } }, null, 2));
    });
    expect(stderr).toMatch(/experiment\.json:\d+:\d+: field "training\.optimizer": expected one of "adam", "sgd", "rmsprop", "adadelta", got "adamw"/);
    expect(stderr).toContain(join(runDir, 'experiment.json'));
  });

  it('an edited experiment.json that no longer fits the checkpoint: restored summary, not failed', async () => {
    const { runDir, stderr } = await resumeDamaged('edited-experiment', (dir) => {
      const experiment = readJson(join(dir, 'experiment.json'));
      writeFileSync(join(dir, 'experiment.json'), JSON.stringify({ ...experiment, model: { ...experiment.model, hidden: [5] } }, null, 2));
    });
    expect(stderr).toContain(join(runDir, 'checkpoint', 'checkpoint.json'));
    expect(stderr).toMatch(/is \[8,6\] in the checkpoint but \[8,5\] in the model: experiment\.json no longer builds the model/);
    expect(readJson(join(runDir, 'summary.json'))).toMatchObject({ status: 'stopped', error: null });
  });

  it('summary.json = {}: the missing field', async () => {
    const { runDir, stderr } = await resumeDamaged('empty-summary', (dir) => writeFileSync(join(dir, 'summary.json'), '{}'));
    expect(stderr).toContain(`${join(runDir, 'summary.json')}:1:1: field "runId": expected string, but it is missing`);
    expect(readFileSync(join(runDir, 'summary.json'), 'utf8')).toBe('{}');
  });

  it('no checkpoint and summary.json = "{": still the damaged file, not a retrain', async () => {
    const { runDir, stderr } = await resumeDamaged('no-checkpoint-bad-summary', (dir) => {
      rmSync(join(dir, 'checkpoint'), { recursive: true });
      writeFileSync(join(dir, 'summary.json'), '{');
    });
    expect(stderr).toContain(`${join(runDir, 'summary.json')}:1:2: not JSON`);
  });

  it('no checkpoint and an experiment.json that does not parse: names it, nothing retrained', async () => {
    const { runDir, stderr } = await resumeDamaged('no-checkpoint-bad-experiment', (dir) => {
      rmSync(join(dir, 'checkpoint'), { recursive: true });
      writeFileSync(join(dir, 'experiment.json'), '{"name": ');
    });
    expect(stderr).toContain(join(runDir, 'experiment.json'));
  });
});

describe('a run with no checkpoint is trained again from the start, without editing any file', () => {
  let workspace: string;
  let runsDir: string;
  let baseRun: string;

  beforeAll(async () => ({ workspace, runsDir, baseRun } = await trainTableRun()));

  const metricEpochs = (runDir: string) => readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line).epoch);

  it('failed before its first checkpoint: resume trains epochs 1.. in the same folder and completes', async () => {
    const runDir = join(runsDir, 'failed-early');
    cpSync(baseRun, runDir, { recursive: true });
    rmSync(join(runDir, 'checkpoint'), { recursive: true });
    const summaryFile = join(runDir, 'summary.json');
    const failed = { ...readJson(summaryFile), status: 'failed', epochs: 1, error: { reason: 'crashed', message: 'killed' } };
    writeFileSync(summaryFile, JSON.stringify(failed, null, 2));
    const listed = await aelab(['runs', '--runs-dir', runsDir, '--json'], workspace);
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ runId: 'failed-early', status: 'failed', resumable: 'retrain' }));

    const result = await aelab(['resume', runDir, '--epochs', '3', '--backend', 'cpu'], workspace);
    expect(result.status, result.stderr).toBe(0);
    expect(readJson(summaryFile)).toMatchObject({ runId: failed.runId, status: 'completed', epochs: 3, epochsPlanned: 3, error: null, startedAt: failed.startedAt });
    expect(metricEpochs(runDir)).toEqual([1, 2, 3]);
    expect(readFileSync(join(runDir, 'log.txt'), 'utf8')).toContain('no checkpoint: training again from the start');
    expect(existsSync(join(runDir, 'checkpoint', 'checkpoint.json'))).toBe(true);
  });

  it('killed right after its folder was made (only experiment.json): listed as interrupted, resume trains it', async () => {
    const runDir = join(runsDir, 'table-20261130-230000');
    mkdirSync(runDir);
    cpSync(join(baseRun, 'experiment.json'), join(runDir, 'experiment.json'));
    const listed = JSON.parse((await aelab(['runs', '--runs-dir', runsDir, '--json'], workspace)).stdout);
    expect(listed).toContainEqual(expect.objectContaining({ runId: 'table-20261130-230000', name: 'table', status: 'interrupted', epochs: 0, epochsPlanned: 2, resumable: 'retrain' }));

    const result = await aelab(['resume', runDir, '--backend', 'cpu'], workspace);
    expect(result.status, result.stderr).toBe(0);
    expect(readJson(join(runDir, 'summary.json'))).toMatchObject({ runId: 'table-20261130-230000', name: 'table', status: 'completed', epochs: 2 });
    expect(metricEpochs(runDir)).toEqual([1, 2]);
  });

  it('only experiment.json, whose data is gone: exit 2 naming the data, and the folder left without summary.json', async () => {
    const runDir = join(runsDir, 'table-no-data');
    mkdirSync(runDir);
    const experiment = readJson(join(baseRun, 'experiment.json'));
    writeFileSync(join(runDir, 'experiment.json'), JSON.stringify({ ...experiment, data: { ...experiment.data, source: '../data/gone.csv' } }, null, 2));
    const result = await aelab(['resume', runDir, '--backend', 'cpu'], workspace);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('gone.csv');
    expect(existsSync(join(runDir, 'summary.json'))).toBe(false);
  });
});

describe('a moved or copied workspace', () => {
  it('resumes and exports from the new place, reading its data and never the old copy', async () => {
    const a = tableWorkspace(40);
    const trained = await aelab(['train', 'experiments/table.ae.json', '--backend', 'cpu', '--epochs', '1', '--json'], a);
    expect(trained.status, trained.stderr).toBe(0);
    const runId = JSON.parse(trained.stdout).runId;
    expect(readJson(join(a, '.aelab', 'runs', runId, 'experiment.json')).resolved).toEqual({ experimentFile: '../../../experiments/table.ae.json', experimentFileName: 'table.ae.json' });

    // The copy gets 60 rows; the original keeps its 40, so reading the old path would show in every count.
    const b = `${a}-moved`;
    cpSync(a, b, { recursive: true });
    writeTable(join(b, 'data', 'table.csv'), 60);
    const runDir = join(b, '.aelab', 'runs', runId);

    const resumed = await aelab(['resume', runDir, '--epochs', '2', '--backend', 'cpu', '--json'], b);
    expect(resumed.status, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout) as RunSummary;
    expect(summary).toMatchObject({ status: 'completed', epochs: 2 });
    expect(summary.trainSamples + summary.validationSamples).toBe(60);

    const embedded = await aelab(['export-embeddings', runDir, '--out', 'codes.csv', '--backend', 'cpu'], b);
    expect(embedded.status, embedded.stderr).toBe(0);
    expect(readFileSync(join(b, 'codes.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 60);

    const keras = await aelab(['export-keras', runDir, '--out', 'train.py'], b);
    expect(keras.status, keras.stderr).toBe(0);
    const script = readFileSync(join(b, 'train.py'), 'utf8');
    expect(script).toContain(join(b, 'data', 'table.csv'));
    expect(script).not.toContain(`${a}/`);

    // With the original gone, the copy still works; and with the copy's data gone, it says so instead of reading A's.
    rmSync(a, { recursive: true });
    rmSync(join(b, 'data'), { recursive: true });
    const missing = await aelab(['export-embeddings', runDir, '--out', 'again.csv', '--backend', 'cpu'], b);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(join(b, 'data', 'table.csv'));
  });
});

describe('train-folder', () => {
  it('never overwrites the experiment file of other data or one the user edited; reuses an unchanged one', async () => {
    const workspace = tempWorkspace('aelab-train-folder-');
    const fixture = join(__dirname, '..', '..', 'fixtures', 'images-small');
    cpSync(fixture, join(workspace, 'a', 'images'), { recursive: true });
    cpSync(fixture, join(workspace, 'b', 'images'), { recursive: true });
    const experiments = join(workspace, '.aelab', 'experiments');
    const trainFolder = (path: string) => aelab(['train-folder', path, '--kind', 'deep', '--epochs', '1', '--backend', 'cpu'], workspace);

    expect((await trainFolder('a/images')).status).toBe(0);
    const first = readFileSync(join(experiments, 'images-deep.ae.json'), 'utf8');
    expect(JSON.parse(first).data.source).toBe('../../a/images');

    const other = await trainFolder('b/images');
    expect(other.status, other.stderr).toBe(0);
    expect(other.stderr).toContain(`wrote ${join(experiments, 'images-deep-2.ae.json')}`);
    expect(readFileSync(join(experiments, 'images-deep.ae.json'), 'utf8')).toBe(first);
    expect(readJson(join(experiments, 'images-deep-2.ae.json'))).toMatchObject({ name: 'images-deep-2', data: { source: '../../b/images' } });

    const again = await trainFolder('a/images');
    expect(again.stderr).toContain(`using the unchanged ${join(experiments, 'images-deep.ae.json')}`);

    const edited = first.replace('"epochs": 1', '"epochs": 7');
    writeFileSync(join(experiments, 'images-deep.ae.json'), edited);
    const afterEdit = await trainFolder('a/images');
    expect(afterEdit.stderr).toContain(`wrote ${join(experiments, 'images-deep-3.ae.json')}`);
    expect(readFileSync(join(experiments, 'images-deep.ae.json'), 'utf8')).toBe(edited);
    expect(readdirSync(experiments).sort()).toEqual(['images-deep-2.ae.json', 'images-deep-3.ae.json', 'images-deep.ae.json']);
  });
});

describe('the embeddings CSV', () => {
  it('stays one column per field with commas, and defuses names that start like a formula (also with a TAB)', async () => {
    const workspace = tempWorkspace('aelab-embed-csv-');
    const fixture = join(__dirname, '..', '..', 'fixtures', 'images-small');
    cpSync(join(fixture, 'circle'), join(workspace, 'shapes', '=round, big'), { recursive: true });
    cpSync(join(fixture, 'square'), join(workspace, 'shapes', '\tsquare'), { recursive: true });
    const trained = await aelab(['train-folder', 'shapes', '--kind', 'deep', '--epochs', '1', '--backend', 'cpu', '--json'], workspace);
    expect(trained.status, trained.stderr).toBe(0);
    const runDir = join(workspace, '.aelab', 'runs', JSON.parse(trained.stdout).runId);
    const exported = await aelab(['export-embeddings', runDir, '--out', 'codes.csv', '--backend', 'cpu'], workspace);
    expect(exported.status, exported.stderr).toBe(0);

    const { parse } = await import('csv-parse/sync');
    const [header, ...rows] = parse(readFileSync(join(workspace, 'codes.csv'), 'utf8')) as string[][];
    const latentDim = readJson(join(runDir, 'experiment.json')).model.latentDim;
    expect(header).toEqual(['source', 'label', ...Array.from({ length: latentDim }, (_, i) => `z${i}`)]);
    expect(rows).toHaveLength(24);
    expect(rows.every((row) => row.length === header.length)).toBe(true);
    expect(new Set(rows.map((row) => row[1]))).toEqual(new Set(["'=round, big", "'\tsquare"]));
    expect(rows.filter((row) => row[0].startsWith("'=round, big/"))).toHaveLength(12);
    expect(rows.every((row) => row.slice(2).every((v) => Number.isFinite(Number(v))))).toBe(true);
  });
});

describe('misleading words', () => {
  it('divergence in epoch 1 says that nothing is kept, not "the last good model (epoch 0)"', async () => {
    const workspace = tableWorkspace(40, { learningRate: 1e6, optimizer: 'sgd', loss: 'mse', batchSize: 4 });
    const file = join(workspace, 'experiments', 'table.ae.json');
    writeFileSync(file, JSON.stringify({ ...readJson(file), model: { hidden: [6], latentDim: 2, outputActivation: 'linear' } }));
    const result = await aelab(['train', 'experiments/table.ae.json', '--backend', 'cpu', '--json'], workspace);
    expect(result.status).toBe(1);
    const summary = JSON.parse(result.stdout) as RunSummary;
    expect(summary.error).toMatchObject({ reason: 'diverged', epoch: 1 });
    expect(summary.error?.message).toMatch(/at epoch 1, batch \d+; no checkpoint had been saved yet, so no weights are kept\. Try a lower training\.learningRate/);
    expect(summary.error?.message).not.toContain('epoch 0');
    expect(existsSync(join(workspace, '.aelab', 'runs', summary.runId, 'checkpoint'))).toBe(false);
  });

  it('--backend node without tfjs-node is a settings problem: exit 2, naming the option, the setting and how to install it', async () => {
    const workspace = tableWorkspace();
    const result = await aelab(['train', 'experiments/table.ae.json', '--backend', 'node', '--json'], workspace);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--backend node (setting autoencoderLab.backend: "node") needs @tensorflow/tfjs-node');
    expect(result.stderr).toContain('npm i @tensorflow/tfjs-node@4.22.0');
    expect(JSON.parse(result.stdout).error).toMatchObject({ reason: 'input' });
  });
});
