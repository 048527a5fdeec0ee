// wae-mmd and aae through `aelab train` on builtin:mnist on wasm: one epoch with finite losses (the AAE's discriminator
// curves among them), prior samples for the Generate view, a checkpoint with the AAE's auxiliary state, and a resume.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EpochMetrics, RunSummary } from '../../../src/protocol/trainerMessages';
import { TEMPLATES } from '../../../src/templates/templates';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';

const EXPECTED_PARTS = { 'wae-mmd': ['recon_loss', 'mmd'], aae: ['disc_loss', 'disc_accuracy', 'gen_loss'] };

describe.each([['wae-mmd'], ['aae']] as const)('%s through aelab', (kind) => {
  it('trains one epoch on wasm with finite losses and prior samples, then resumes to a second', async () => {
    const workspace = tempWorkspace(`aelab-${kind}-cli-`);
    const template = TEMPLATES.find((t) => t.id === kind)!.experiment(kind);
    // The template's network, narrowed so the test stays quick; the kind's loss and phases are unchanged.
    writeExperiment(workspace, { ...template, model: { ...template.model, hidden: [64], ...(kind === 'aae' ? { discriminator: [64] } : {}) } }, 'e.ae.json');
    const aelab = (args: string[]) => runNode([CLI_SCRIPT, ...args, '--backend', 'wasm', '--json'], { cwd: workspace, timeout: 240_000 });
    const trained = await aelab(['train', 'e.ae.json', '--epochs', '1', '--limit', '400']);
    expect(trained.status, trained.stderr).toBe(0);
    const summary = JSON.parse(trained.stdout) as RunSummary;
    expect(summary).toMatchObject({ status: 'completed', epochs: 1, backend: 'wasm (SIMD)' });
    const runDir = join(workspace, '.aelab', 'runs', summary.runId);
    const metrics = () => readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as EpochMetrics);
    const [first] = metrics();
    for (const key of ['loss', 'val_loss', ...EXPECTED_PARTS[kind]]) expect(Number.isFinite(first[key]), key).toBe(true);
    const generated = JSON.parse(readFileSync(join(runDir, 'views', 'generated.json'), 'utf8'));
    expect(generated.prior).toHaveLength(16);
    const manifest = JSON.parse(readFileSync(join(runDir, 'checkpoint', 'checkpoint.json'), 'utf8'));
    expect(manifest.auxiliary?.map((part: { name: string }) => part.name)).toEqual(kind === 'aae' ? ['discriminator', 'generator'] : undefined);

    const resumed = await aelab(['resume', runDir, '--epochs', '2']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ status: 'completed', epochs: 2 });
    const both = metrics();
    expect(both.map((m) => m.epoch)).toEqual([1, 2]);
    expect(both[0]).toEqual(first);
    for (const key of ['loss', ...EXPECTED_PARTS[kind]]) expect(Number.isFinite(both[1][key]), key).toBe(true);
  }, 300_000);
});
