// The Evaluation tab's EVALUATE_RUN message: validated strictly, its run id resolved inside the runs folder (the run
// guard) before Evaluate Run is asked for it; anything else is dropped with a warning and starts nothing.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handleWebviewMessage } from '../../../src/extension/dashboard/handleWebviewMessage';
import { webviewToHostSchema } from '../../../src/protocol/dashboardMessages';
import { recordingWebviewDeps } from '../../helpers/recordingWebviewDeps';

const workspace = mkdtempSync(join(tmpdir(), 'aelab-evaluate-message-'));
const runsDir = join(workspace, 'runs');
mkdirSync(join(runsDir, 'good-run'), { recursive: true });
mkdirSync(join(workspace, 'outside'), { recursive: true });
writeFileSync(join(runsDir, 'not-a-folder'), 'x');
symlinkSync(join(workspace, 'outside'), join(runsDir, 'escaping-link'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

function harness(withEvaluator = true) {
  const evaluated: string[] = [];
  const { deps, warnings } = recordingWebviewDeps({ runsDir: () => runsDir, evaluateRun: withEvaluator ? (runId) => void evaluated.push(runId) : undefined });
  return { deps, evaluated, warnings };
}

describe('EVALUATE_RUN', () => {
  it('asks Evaluate Run for a run inside the runs folder', async () => {
    const { deps, evaluated, warnings } = harness();
    await handleWebviewMessage({ type: 'EVALUATE_RUN', runId: 'good-run' }, deps);
    expect(evaluated).toEqual(['good-run']);
    expect(warnings).toEqual([]);
  });

  it('rejects run ids outside the runs folder (path traversal, absolute paths, links out, files)', async () => {
    const { deps, evaluated, warnings } = harness();
    const ids = ['../outside', '..', '.', 'good-run/../../outside', '/etc/passwd', join(runsDir, 'good-run'), '..\\..\\x', 'escaping-link', 'not-a-folder', 'missing-run', 'good-run\u0000', '%2e%2e'];
    for (const runId of ids) await handleWebviewMessage({ type: 'EVALUATE_RUN', runId }, deps);
    expect(evaluated).toEqual([]);
    expect(warnings).toHaveLength(ids.length);
    expect(warnings[0]).toBe('rejected run id "../outside": not a run in the runs folder');
  });

  it('drops malformed messages: missing or mistyped run id, extra fields', async () => {
    const { deps, evaluated, warnings } = harness();
    const bad = [
      { type: 'EVALUATE_RUN' },
      { type: 'EVALUATE_RUN', runId: '' },
      { type: 'EVALUATE_RUN', runId: 5 },
      { type: 'EVALUATE_RUN', runId: ['good-run'] },
      { type: 'EVALUATE_RUN', runId: 'a'.repeat(201) },
      { type: 'EVALUATE_RUN', runId: 'good-run', input: '/etc/passwd' },
      { type: 'EVALUATE_RUN', runId: 'good-run', backend: 'cpu' },
      { type: 'evaluate_run', runId: 'good-run' },
    ];
    for (const message of bad) {
      expect(webviewToHostSchema().safeParse(message).success, JSON.stringify(message)).toBe(false);
      await handleWebviewMessage(message, deps);
    }
    expect(evaluated).toEqual([]);
    expect(warnings).toHaveLength(bad.length);
    expect(warnings.every((warning) => warning.startsWith('dropped an invalid dashboard message'))).toBe(true);
  });

  it('says so when the dashboard has no way to evaluate', async () => {
    const { deps, warnings } = harness(false);
    await handleWebviewMessage({ type: 'EVALUATE_RUN', runId: 'good-run' }, deps);
    expect(warnings).toEqual(['dropped an evaluate request: this dashboard cannot start an evaluation']);
  });
});
