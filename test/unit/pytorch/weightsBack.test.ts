// A run trained by the exported PyTorch script comes back to Autoencoder Lab whole: the script writes its trained
// weights as tfjs layers models (encoder/, decoder/, model/ with the source run's topologies), and our readers apply,
// evaluate, score and search with them. Tiny tfjs runs are trained by the CLI, exported, trained further in torch for
// two epochs, then read back. Two independent checks that the tfjs models are the trained torch weights:
// `aelab eval` (tfjs) on the validation split gives the script's last val_loss, and the script's own --init-from of
// the written folder (tfjs -> torch) evaluates to that val_loss again.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataJson } from '../../../src/runs/dataFile';
import { readMetrics } from '../../../src/runs/metricsFile';
import { requireSummary } from '../../../src/runs/summaryFile';
import { readViewSnapshot } from '../../../src/runs/viewFiles';
import { loadLayersModelFromDir } from '../../../src/trainer/runs/loadModel';
import { TrainerProcess } from '../../../src/host/trainerProcess';
import { CLI_SCRIPT, TRAINER_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';
import { exportScript, onlyRunIn, runScript, torchPython, trainTfjsRun } from './exportFixture';
import { writeDigitsIdx } from './idxFixture';

const workspace = tempWorkspace('aelab-pt-back-');
const tfjsRuns = join(workspace, 'tfjs-runs');
const IMAGE = join(__dirname, '..', '..', 'fixtures', 'images-small', 'circle', '00.png');

/** Two deterministic kinds (their validation loss is a function of the weights alone) and a VAE. */
const RUNS = {
  deep: { kind: 'deep', model: { hidden: [24], latentDim: 6 } },
  conv: { kind: 'conv', model: { filters: [4, 8], activation: 'relu', outputActivation: 'sigmoid' } },
  vae: { kind: 'vae', model: { hidden: [24], latentDim: 3 } },
} as const;
type Name = keyof typeof RUNS;
const NAMES = Object.keys(RUNS) as Name[];

const runs = {} as Record<Name, { source: string; script: string; pytorch: string }>;

beforeAll(async () => {
  torchPython();
  writeDigitsIdx(join(workspace, 'digits.idx3-ubyte'), 200, 8);
  for (const name of NAMES) {
    const data = { source: 'digits.idx3-ubyte', validationSplit: 0.25, limit: 160 };
    const source = await trainTfjsRun(workspace, { name, ...RUNS[name], data, training: { epochs: 1, batchSize: 32, learningRate: 0.003, seed: 5 } }, tfjsRuns);
    const script = join(workspace, name, 'train.py');
    await exportScript(source, script);
    const runsDir = join(workspace, `${name}-pytorch`);
    await runScript([script, '--epochs', '2', '--runs-dir', runsDir], workspace);
    runs[name] = { source, script, pytorch: onlyRunIn(runsDir) };
  }
}, 300_000);

function manifestOf(modelDir: string): { names: string[]; shapes: number[][]; bytes: number } {
  const modelJson = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8'));
  const weights = modelJson.weightsManifest[0].weights as { name: string; shape: number[] }[];
  return { names: weights.map((w) => w.name).sort(), shapes: weights.map((w) => w.shape), bytes: readFileSync(join(modelDir, 'weights.bin')).length };
}

async function aelab(args: string[]) {
  const result = await runNode([CLI_SCRIPT, ...args], { cwd: workspace });
  return { ...result, output: `${result.stdout}\n${result.stderr}` };
}

describe('a run trained by the exported PyTorch script, back in Autoencoder Lab', () => {
  it.each(NAMES)('%s: the script wrote encoder/, decoder/ and model/ as tfjs models with the source run\'s weight names and shapes, and tfjs loads each', async (name) => {
    const { source, pytorch } = runs[name];
    for (const part of ['encoder', 'decoder', 'model']) {
      (await loadLayersModelFromDir(join(pytorch, part))).dispose(); // strict: every weight present, none extra
      const written = manifestOf(join(pytorch, part));
      const original = manifestOf(join(source, part));
      expect(written.names, part).toEqual(original.names);
      expect(written.bytes, part).toBe(original.bytes);
      const modelJson = JSON.parse(readFileSync(join(pytorch, part, 'model.json'), 'utf8'));
      expect(modelJson.generatedBy).toMatch(/^PyTorch \S+ \(a script exported by Autoencoder Lab\)$/);
      expect(modelJson.modelTopology).toEqual(JSON.parse(readFileSync(join(source, part, 'model.json'), 'utf8')).modelTopology);
    }
    // The weights trained on: not the source run's bytes.
    expect(readFileSync(join(pytorch, 'encoder', 'weights.bin')).equals(readFileSync(join(source, 'encoder', 'weights.bin')))).toBe(false);
    // Each folder was swapped in whole: no temporary or old copy is left beside it.
    expect(readdirSync(pytorch).filter((entry) => /\.(tmp|old)$/.test(entry))).toEqual([]);
    // The source run's threshold was of other weights: the copy of data.json has none until the run is evaluated.
    expect(readDataJson(pytorch)?.threshold).toBeNull();
  });

  it.each(['deep', 'conv'] as const)('%s: the tfjs models evaluate the validation split to the script\'s last val_loss, and --init-from reads them back to it', async (name) => {
    const { script, pytorch } = runs[name];
    const valLoss = readMetrics(pytorch).at(-1)!.val_loss!;
    const evaluated = await aelab(['eval', pytorch, '--json']);
    expect(evaluated.status, evaluated.output).toBe(0);
    const evaluation = JSON.parse(evaluated.stdout);
    expect(evaluation.set).toMatchObject({ kind: 'validation', samples: requireSummary(pytorch).validationSamples });
    const tfjsLoss = evaluation.reconstruction.model.bce as number;
    const roundTrip = join(workspace, `${name}-round-trip`);
    await runScript([script, '--epochs', '0', '--init-from', pytorch, '--runs-dir', roundTrip], workspace);
    const torchAgain = requireSummary(onlyRunIn(roundTrip)).final!.val_loss!;
    console.log(`${name}: PyTorch val_loss ${valLoss}, tfjs evaluation ${tfjsLoss}, PyTorch from the written tfjs weights ${torchAgain}`);
    expect(Math.abs(tfjsLoss - valLoss) / valLoss).toBeLessThan(1e-4);
    expect(Math.abs(torchAgain - valLoss) / valLoss).toBeLessThan(1e-5);
  }, 120_000);

  it('its first evaluation keeps what our trainer keeps at its end (anomaly threshold, search codes, the dashboard\'s views); score and neighbors then work', async () => {
    const { pytorch } = runs.vae;
    for (const refused of [await aelab(['score', pytorch, IMAGE, '--out', join(workspace, 'early.csv')]), await aelab(['neighbors', pytorch, IMAGE])]) {
      expect(refused.status, refused.output).toBe(2);
    }
    const evaluated = await aelab(['eval', pytorch, '--json']);
    expect(evaluated.status, evaluated.output).toBe(0);
    const trainSamples = requireSummary(pytorch).trainSamples;
    const threshold = readDataJson(pytorch)!.threshold!;
    expect(threshold).toMatchObject({ method: 'percentile', percentile: 99, metric: 'bce', samples: trainSamples });
    expect(JSON.parse(evaluated.stdout).notes[0]).toBe(`trained by PyTorch: its search codes and anomaly threshold (${threshold.value.toPrecision(4)}) were computed from its ${trainSamples} training samples`);
    expect(existsSync(join(pytorch, 'search', 'index.json'))).toBe(true);
    // And the dashboard's views, as a training run's last epoch writes them, made with the models it trained.
    const epochs = requireSummary(pytorch).epochs;
    expect(JSON.parse(evaluated.stdout).notes[1]).toBe(`trained by PyTorch: the dashboard's views (reconstructions, latent space, errors) were made with its epoch-${epochs} models`);
    expect(readdirSync(join(pytorch, 'views')).sort()).toEqual(['errors.json', 'generated.json', 'latent.json', 'reconstructionHistory.json', 'reconstructions.json', 'validationSamples.json']);
    expect(readViewSnapshot(pytorch, 'reconstructions')).toMatchObject({ epoch: epochs, sampleShape: [8, 8, 1] });
    const again = await aelab(['eval', pytorch, '--json']);
    expect(JSON.parse(again.stdout).notes.filter((note: string) => note.startsWith('trained by PyTorch'))).toEqual([]);

    const scores = join(workspace, 'scores.csv');
    const scored = await aelab(['score', pytorch, IMAGE, '--out', scores]);
    expect(scored.status, scored.output).toBe(0);
    expect(scored.output).toContain(`above ${threshold.value} (the run's: percentile 99 of ${trainSamples} training errors (bce))`);
    expect(readFileSync(scores, 'utf8').trim().split('\n')).toHaveLength(2);
    const neighbors = await aelab(['neighbors', pytorch, IMAGE, '-k', '3']);
    expect(neighbors.status, neighbors.output).toBe(0);
    expect(neighbors.stdout.match(/^\s+\d\. sample \d+/gm)).toHaveLength(3);
  }, 120_000);

  it('is served to Generate and Try it: decodes codes and probes a file with its models', async () => {
    const { pytorch } = runs.vae;
    const trainer = new TrainerProcess({ type: 'serve', runDir: pytorch, backend: 'cpu' }, { trainerScript: TRAINER_SCRIPT, onMessage: () => {} });
    try {
      const images = await trainer.decode(new Float32Array([0, 0, 0, 1, -1, 0.5]), 2);
      expect(images.map((image) => image.length)).toEqual([64, 64]);
      for (const image of images) expect(image.every((value) => value >= 0 && value <= 1)).toBe(true);
      const probed = await trainer.probe({ runDir: pytorch, sample: { kind: 'file', path: IMAGE }, k: 2 });
      expect(probed.error).toBeUndefined();
      expect(probed.sampleShape).toEqual([8, 8, 1]);
      expect(probed.reconstruction).toHaveLength(64);
      expect(Number.isFinite(probed.score)).toBe(true);
    } finally {
      trainer.stop();
      await trainer.exited;
    }
  });

  it('is listed as trained by PyTorch with its tfjs models, and resuming it is still refused: it has no checkpoint of ours', async () => {
    const listed = await aelab(['runs', '--runs-dir', join(workspace, 'deep-pytorch')]);
    expect(listed.status, listed.output).toBe(0);
    expect(listed.stdout).toContain('trained by PyTorch, its weights written back as tfjs models');
    const resumed = await aelab(['resume', runs.deep.pytorch]);
    expect(resumed.status).toBe(2);
    expect(resumed.stderr).toContain('was trained by PyTorch (summary.json backend "pytorch") and has no Autoencoder Lab checkpoint, so Autoencoder Lab cannot resume it');
  });
});
