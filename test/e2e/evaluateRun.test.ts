// Evaluate Run in a real VS Code: a run trained by the CLI without an evaluation (evaluation.enabled false, as a run
// made before evaluations existed), then "Autoencoder Lab: Evaluate Run" from the command palette -> the run: the
// progress notification ends, evaluation.json is written, a message gives the summary line, and the dashboard shows
// the run's Evaluation tab with its metric cards.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { readEvaluation } from '../../src/runs/evaluationFile';
import { installUnpacked } from './harness/extensionFolders';
import { REPO } from './harness/paths';
import { waitFor } from './harness/runFiles';
import { openSession, sessionTest, type Session } from './harness/session';

let runDir = '';

/** One epoch of a small dense autoencoder on 256 digits, with the CLI, and no evaluation at its end. */
function trainUnevaluatedRun(workspace: string): void {
  const experiment = {
    name: 'tiny-unevaluated',
    kind: 'deep',
    data: { source: 'builtin:mnist', limit: 256, validationSplit: 0.25 },
    model: { hidden: [16], latentDim: 4 },
    training: { epochs: 1, batchSize: 32, seed: 7 },
    evaluation: { enabled: false },
  };
  writeFileSync(join(workspace, 'tiny-unevaluated.ae.json'), JSON.stringify(experiment));
  const stdout = execFileSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'train', 'tiny-unevaluated.ae.json', '--json'], { cwd: workspace, timeout: 240_000 });
  runDir = join(workspace, '.aelab', 'runs', JSON.parse(stdout.toString()).runId);
}

let session: Session | undefined;
beforeAll(async () => {
  session = await openSession({ install: (extensionsDir) => installUnpacked(extensionsDir), prepare: trainUnevaluatedRun });
}, 400_000);
afterAll(async () => session?.close());

const test = sessionTest(() => session);

describe('Evaluate Run (unpacked build)', () => {
  test('palette -> Evaluate Run -> the run: evaluation.json is written and the dashboard shows the Evaluation tab', async ({ workbench }) => {
    expect(existsSync(join(runDir, 'evaluation.json'))).toBe(false);
    await workbench.runCommandAndPick('Autoencoder Lab: Evaluate Run', 'tiny-unevaluated');
    // A failure notification ends the wait with what the trainer said.
    const failure = workbench.notification(/Autoencoder Lab: cannot evaluate/);
    const done = workbench.notification(/evaluation: PSNR [\d.]+ dB \(PCA [\d.]+\)/);
    await waitFor('the evaluation summary message', async () => {
      if (await failure.count()) throw new Error(`Evaluate Run failed: ${await failure.locator('.notification-list-item-message').first().textContent()}`);
      return (await done.count()) > 0;
    }, 180_000);
    // The progress notification has ended.
    await workbench.notification(/Evaluating tiny-unevaluated/).waitFor({ state: 'detached', timeout: 10_000 });
    const evaluation = readEvaluation(runDir);
    expect(evaluation?.set.kind).toBe('validation');
    const frame = await workbench.webviewFrame('.evaluation-body .metric-card[data-metric="psnr"]');
    // Visible only while the Evaluation tab is the one shown.
    await frame.locator('.evaluation-body .metric-card[data-metric="psnr"]').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await frame.locator('.metric-card[data-metric="psnr"] .metric-value').textContent()).toBe(`${evaluation!.reconstruction.model.psnr!.toFixed(1)} dB`);
    expect(await frame.locator('.evaluation-header vscode-button').textContent()).toBe('Evaluate again');
    await workbench.screenshot('evaluate-run');
  });
});
