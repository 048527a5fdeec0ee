// Every template trains through the CLI on builtin:mnist and on the image-folder fixture: loss falls, run completes.
// Conv kinds run on the wasm backend, which needs the project's Conv2DBackpropFilter kernel.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsSeries } from '../../../src/protocol/kinds';
import type { EpochMetrics, RunSummary } from '../../../src/protocol/trainerMessages';
import { TEMPLATES } from '../../../src/templates/templates';
import { runNode } from '../../helpers/runNode';
import { CLI_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { writeDailyTemperatureRows } from '../../helpers/seriesRows';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'images-small');

async function trainTemplate(id: string, source: 'builtin' | 'folder' | 'series') {
  const workspace = tempWorkspace(`aelab-kind-${id}-`);
  const template = TEMPLATES.find((t) => t.id === id)!;
  const experiment = template.experiment(`${id}-${source}`);
  if (source === 'series') {
    writeDailyTemperatureRows(workspace);
    experiment.data = { source: 'days.csv', validationSplit: 0.1 };
  } else if (source === 'folder') {
    cpSync(FIXTURE, join(workspace, 'shapes'), { recursive: true });
    experiment.data = { source: 'shapes', validationSplit: 0.2 };
  } else if (experiment.data.format === 'audio') {
    // The audio denoiser's network and noise on digits: the recordings it names are the user's.
    experiment.data = { source: 'builtin:mnist', validationSplit: 0.1, limit: 768 };
  } else {
    experiment.data = { ...experiment.data, limit: 768 };
  }
  experiment.training = { ...experiment.training, epochs: 3, batchSize: source === 'builtin' ? 64 : source === 'folder' ? 4 : 32 };
  writeFileSync(join(workspace, 'e.ae.json'), JSON.stringify(experiment));
  const result = await runNode([CLI_SCRIPT, 'train', 'e.ae.json', '--backend', 'wasm', '--json'], { cwd: workspace, timeout: 240_000 });
  expect(result.status, result.stderr).toBe(0);
  const summary = JSON.parse(result.stdout) as RunSummary;
  const metrics = readFileSync(join(workspace, '.aelab', 'runs', summary.runId, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as EpochMetrics);
  return { summary, metrics };
}

const readsSeries = (t: (typeof TEMPLATES)[number]) => {
  const { kind, model } = t.experiment('x');
  return needsSeries(kind, model);
};

// The sequence kinds read [steps, channels] series; until the timeseries format lands, a CSV whose rows are days.
describe.each(TEMPLATES.filter(readsSeries).map((t) => t.id))('template %s', (id) => {
  it('trains on real daily series (Seattle hourly temperature normals, one day per row) with the loss falling', async () => {
    const { summary, metrics } = await trainTemplate(id, 'series');
    expect(summary).toMatchObject({ status: 'completed', backend: 'wasm (SIMD)', epochs: 3 });
    expect(metrics[2].loss).toBeLessThan(metrics[0].loss);
  });
});

describe.each(TEMPLATES.filter((t) => !readsSeries(t)).map((t) => t.id))('template %s', (id) => {
  it('trains on builtin:mnist with the loss falling', async () => {
    const { summary, metrics } = await trainTemplate(id, 'builtin');
    expect(summary).toMatchObject({ status: 'completed', backend: 'wasm (SIMD)', epochs: 3 });
    expect(metrics[2].loss).toBeLessThan(metrics[0].loss);
  });

  it('trains on an image-folder fixture with the loss falling', async () => {
    const { summary, metrics } = await trainTemplate(id, 'folder');
    expect(summary.status).toBe('completed');
    expect(metrics[2].loss).toBeLessThan(metrics[0].loss);
  });
});
