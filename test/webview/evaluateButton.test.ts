// The Evaluation tab's Evaluate / Evaluate again buttons: shown for a finished run that is not training, they post
// EVALUATE_RUN for the shown run, which the host validates and hands to Evaluate Run (the harness records the call).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluationJsonReviver, evaluationSchema } from '../../src/protocol/evaluation';
import { FIXTURE_RUNS, fixtureRunId, loadFixture, messagesUntil } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';

const openWebview = useBrowser();
const runId = fixtureRunId('deep-mnist');
const evaluation = () => evaluationSchema.parse(JSON.parse(readFileSync(join(FIXTURE_RUNS, runId, 'evaluation.json'), 'utf8'), evaluationJsonReviver));
const posted = (view: { posted: { type?: string }[] }) => view.posted.filter((m) => m.type === 'EVALUATE_RUN');

describe('evaluation view buttons', () => {
  it('"Evaluate" in the empty state posts EVALUATE_RUN for the shown run', async () => {
    const view = await openWebview();
    await view.feed(loadFixture('deep-mnist').messages);
    await view.showView('evaluation');
    const evaluate = view.page.locator('.evaluation-empty vscode-button');
    expect(await evaluate.isVisible()).toBe(true);
    expect(await evaluate.textContent()).toBe('Evaluate');
    await view.screenshot('evaluation-empty-evaluate');
    await evaluate.click();
    await view.settle();
    expect(posted(view)).toEqual([{ type: 'EVALUATE_RUN', runId }]);
    expect(view.calls).toEqual([`evaluate ${runId}`]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('"Evaluate again" in the header of a shown evaluation posts it too', async () => {
    const view = await openWebview();
    await view.feed([...loadFixture('deep-mnist').messages, { type: 'evaluation', evaluation: evaluation() }]);
    await view.showView('evaluation');
    expect(await view.page.locator('.evaluation-empty').isVisible()).toBe(false);
    const again = view.page.locator('.evaluation-header vscode-button');
    await view.screenshot('evaluation-evaluate-again');
    expect(await again.textContent()).toBe('Evaluate again');
    // Reachable from the keyboard as well.
    await again.focus();
    await view.page.keyboard.press('Enter');
    await view.settle();
    expect(posted(view)).toEqual([{ type: 'EVALUATE_RUN', runId }]);
    expect(view.calls).toEqual([`evaluate ${runId}`]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('offers no button while the run trains', async () => {
    const view = await openWebview();
    await view.feed(messagesUntil(loadFixture('deep-mnist'), 'epoch'));
    await view.showView('evaluation');
    expect(await view.page.locator('.evaluation-view .empty-note').isVisible()).toBe(true);
    expect(await view.page.locator('.evaluation-empty vscode-button').isVisible()).toBe(false);
    // It appears once training ends.
    await view.feed(loadFixture('deep-mnist').messages.filter((m) => m.type === 'done'));
    expect(await view.page.locator('.evaluation-empty vscode-button').isVisible()).toBe(true);
    expect(posted(view)).toEqual([]);
    await view.close();
  });
});
