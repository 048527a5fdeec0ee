// The handshake and state rules: nothing is posted before INITIALIZED, the persisted state stays small, and a
// reloaded page (hidden then shown, or a restored window) gets everything back from the host.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PersistedWebviewState } from '../../src/protocol/dashboardMessages';
import { loadFixture } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';
import { inkPixels } from './harness/pixels';

const openWebview = useBrowser();
const record = (page: Page) => page.evaluate(() => (window as unknown as { __aelab: { events: string[]; states: PersistedWebviewState[] } }).__aelab);

describe('webview state', () => {
  it('keeps a small persisted state and is rebuilt by the host after a reload', async () => {
    const view = await openWebview();
    await view.feed(loadFixture('deep-mnist').messages);
    const { events, states } = await record(view.page);
    expect(events[0]).toBe('posted INITIALIZED');
    expect(events.filter((e) => e.startsWith('received')).length).toBeGreaterThan(0);

    await view.showView('anomalies');
    const persisted = (await record(view.page)).states.at(-1)!;
    expect(persisted.view).toBe('anomalies');
    expect(persisted.runId).toMatch(/^deep-mnist-/);
    expect(persisted.metrics.length).toBeGreaterThan(0);
    // Metrics and choices only: no images, codes or errors.
    expect(JSON.stringify(persisted).length).toBeLessThan(4000);
    expect(Object.keys(persisted).sort()).toEqual(['metrics', 'prefs', 'run', 'runId', 'view']);
    expect(states.length).toBeGreaterThan(0);

    await view.page.reload();
    await view.settle();
    const after = await record(view.page);
    expect(after.events[0]).toBe('posted INITIALIZED');
    expect(await view.page.evaluate(() => document.body.dataset.activeView)).toBe('anomalies');
    expect(await inkPixels(view.page.locator('canvas.error-histogram'))).toBeGreaterThan(500);
    expect(view.posted.filter((m) => m.type === 'INITIALIZED')).toHaveLength(2);
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('paints the persisted curves before the host answers', async () => {
    const fixture = loadFixture('deep-mnist');
    const metrics = fixture.messages.flatMap((m) => (m.type === 'epoch' ? [m.metrics] : []));
    const initialState: PersistedWebviewState = { view: 'curves', runId: 'r', run: null, metrics, prefs: { logScale: true } };
    const view = await openWebview({ initialState, silentHost: true });
    await view.page.evaluate(() => new Promise(requestAnimationFrame));
    expect(await view.page.locator('vscode-checkbox.log-scale').evaluate((b: HTMLElement & { checked: boolean }) => b.checked)).toBe(true);
    expect(await inkPixels(view.page.locator('.loss-chart canvas'))).toBeGreaterThan(100);
    await view.close();
  });
});
