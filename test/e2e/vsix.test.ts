// The packaged extension, as a user gets it: the .vsix from `npm run package`, installed by code-server's own CLI
// into an empty extensions folder, trains an experiment from the editor title's ▶ button.
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { writeSmallExperiment } from './harness/experiments';
import { installVsix } from './harness/extensionFolders';
import { EXTENSION_FOLDER, VSIX } from './harness/paths';
import { runIds, waitForNewRun, waitForStatus } from './harness/runFiles';
import { openSession, sessionTest, type Session } from './harness/session';

let session: Session | undefined;
let installLog = '';
beforeAll(async () => {
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run "npm run package" first (npm run test:e2e does)`);
  session = await openSession({
    install: async (extensionsDir, userDataDir) => (installLog = await installVsix(extensionsDir, userDataDir, VSIX)),
    prepare: (workspace) => writeSmallExperiment(workspace, 'from-vsix', { epochs: 2, limit: 1000 }),
  });
});
afterAll(async () => session?.close());

const test = sessionTest(() => session);

describe('packaged .vsix', () => {
  test('installs with code-server --install-extension and trains a run from the editor title button', async ({ workbench, extensionsDir, runsDir }) => {
    expect(installLog).toMatch(/successfully installed/i);
    const installed = join(extensionsDir, EXTENSION_FOLDER);
    expect(lstatSync(join(installed, 'dist')).isSymbolicLink()).toBe(false); // a real copy, not the repo's build
    expect(readdirSync(join(installed, 'dist'))).toEqual(expect.arrayContaining(['extension.js', 'extensionCore.js', 'trainer.js', 'experiment.schema.json']));

    await workbench.openFile('from-vsix.ae.json', 'experiments');
    const before = runIds(runsDir);
    await workbench.page.locator('.editor-actions .action-label[aria-label^="Train Experiment"]').click();
    const runDir = await waitForNewRun(runsDir, before, 60_000);
    const summary = await waitForStatus(runDir, ['completed', 'failed', 'stopped'], 180_000);
    expect(summary.status, JSON.stringify(summary.error)).toBe('completed');
    expect(summary.epochs).toBe(2);
    expect(existsSync(join(runDir, 'model', 'model.json'))).toBe(true);
  });
});
