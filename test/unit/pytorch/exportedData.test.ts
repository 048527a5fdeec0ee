// The exported script's data pipeline against the trainer's, through what they must agree on: the held-out samples.
// A folder of PNG images in mixed sizes and colours (resized and converted to gray as the run did, data.limit taking
// evenly spaced files) and a CSV table with a label column and a NaN row (min-max scaled, the row dropped): with
// --init-from --epochs 0 the script counts the same samples and finds the run's val_loss (MSE, which depends on
// every target value; BCE of an untrained network sits near ln 2 whatever the data).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { requireSummary } from '../../../src/runs/summaryFile';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { exportScript, onlyRunIn, runScript, trainTfjsRun } from './exportFixture';

const workspace = tempWorkspace('aelab-pytorch-data-');


/** A PNG of a diagonal gradient with a bright square; `gray` stores one channel (colour type 0), else RGB. */
function writePng(file: string, width: number, height: number, seed: number, gray: boolean): void {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const square = Math.abs(x - (seed % width)) < 3 && Math.abs(y - ((seed * 3) % height)) < 3;
      const value = square ? 250 : (x * 9 + y * 5 + seed * 11) % 120;
      png.data.set([value, (value * 2 + seed) % 256, 255 - value, 255], (y * width + x) * 4);
    }
  }
  writeFileSync(file, PNG.sync.write(png, { colorType: gray ? 0 : 2 }));
}

/** Trains `experiment` with tfjs, exports it, evaluates the run's weights with the script; both summaries. */
async function trainExportEvaluate(experiment: Record<string, unknown> & { name: string }) {
  const runDir = await trainTfjsRun(workspace, { ...experiment, training: { epochs: 2, batchSize: 16, learningRate: 0.01, seed: 9, loss: 'mse' } }, join(workspace, 'runs'));
  const script = join(workspace, experiment.name, 'train.py');
  await exportScript(runDir, script);
  const outDir = join(workspace, `${experiment.name}-pytorch`);
  await runScript([script, '--init-from', runDir, '--epochs', '0', '--runs-dir', outDir], workspace);
  return { tfjs: requireSummary(runDir), pytorch: requireSummary(onlyRunIn(outDir)) };
}

function expectSameData({ tfjs, pytorch }: Awaited<ReturnType<typeof trainExportEvaluate>>, name: string): void {
  expect(pytorch.trainSamples).toBe(tfjs.trainSamples);
  expect(pytorch.validationSamples).toBe(tfjs.validationSamples);
  expect(pytorch.droppedSamples.count).toBe(tfjs.droppedSamples.count);
  const relative = Math.abs(pytorch.final!.val_loss! - tfjs.final!.val_loss!) / tfjs.final!.val_loss!;
  console.log(`${name}: tfjs val_loss ${tfjs.final!.val_loss}, PyTorch ${pytorch.final!.val_loss}, relative difference ${relative.toExponential(2)}`);
  // Same weights, same samples: equal up to float rounding. (1% would let a wrong resize of a fifth of the images pass.)
  expect(relative).toBeLessThan(1e-4);
}

describe('the exported data pipeline', () => {
  it('reads an image folder as the run did: mixed sizes resized, colour to gray, data.limit evenly spaced', async () => {
    const folder = join(workspace, 'shapes');
    for (const label of ['a', 'b']) mkdirSync(join(folder, label), { recursive: true });
    for (let n = 0; n < 40; n++) {
      const [width, height] = n % 5 === 3 ? [15, 10] : [12, 12];
      writePng(join(folder, n % 2 ? 'a' : 'b', `img-${String(n).padStart(2, '0')}.png`), width, height, n, n % 4 === 1);
    }
    const result = await trainExportEvaluate({
      name: 'shapes',
      kind: 'deep',
      data: { source: 'shapes', validationSplit: 0.25, limit: 32, channels: 1 },
      model: { hidden: [16], latentDim: 4 },
    });
    expect(result.tfjs.trainSamples + result.tfjs.validationSamples).toBe(32);
    expectSameData(result, 'image folder');
  }, 180_000);

  it('reads a CSV table as the run did: the label column left out, min-max scaled, the NaN row dropped', async () => {
    const rows = ['id,label,f1,f2,f3,f4,f5,f6'];
    for (let n = 0; n < 60; n++) {
      const values = [1, 2, 3, 4, 5, 6].map((f) => ((n * f * 7) % 23) * (f === 2 ? 100 : 1) + f);
      if (n === 17) values[3] = NaN;
      rows.push([n, n % 3, ...values.map((v) => (Number.isNaN(v) ? 'nan' : String(v)))].join(','));
    }
    writeFileSync(join(workspace, 'table.csv'), `${rows.join('\n')}\n`);
    const result = await trainExportEvaluate({
      name: 'table',
      kind: 'deep',
      data: { source: 'table.csv', validationSplit: 0.2, labelColumn: 'label', normalization: 'minmax' },
      model: { hidden: [8], latentDim: 3 },
    });
    expect(result.tfjs.droppedSamples.count).toBe(1);
    expectSameData(result, 'CSV table');
  }, 180_000);
});
