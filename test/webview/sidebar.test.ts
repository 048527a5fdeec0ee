// The side view during a recorded run: status, epoch x/N with batch progress, mini loss curve, Stop and Open.
import { describe, expect, it } from 'vitest';
import { loadFixture, messagesUntil } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';
import { inkPixels } from './harness/pixels';

const openWebview = useBrowser();

describe('side view', () => {
  it('follows a live run and stops it', async () => {
    const view = await openWebview({ kind: 'sidebar', width: 320, height: 420 });
    const fixture = loadFixture('deep-mnist');
    await view.feed(messagesUntil(fixture, 'epoch', 1));
    await view.feed(messagesUntil(fixture, 'batch', 3).filter((m) => m.type === 'batch'));
    expect(await view.page.locator('.sidebar-title').textContent()).toMatch(/^deep-mnist · deep · running · wasm|^deep-mnist · deep · running · /);
    expect(await view.page.locator('.progress-label').textContent()).toMatch(/^Epoch 1\/\d+ · batch 3\/\d+/);
    expect(await view.page.locator('.sidebar-losses').textContent()).toMatch(/^loss [\d.]+ · val [\d.]+$/);
    expect(await inkPixels(view.page.locator('canvas.mini-curve'))).toBeGreaterThan(10);
    await view.screenshot('sidebar');

    await view.page.locator('vscode-button', { hasText: 'Stop' }).click();
    await view.page.locator('vscode-button', { hasText: 'Open Dashboard' }).click();
    await expect.poll(() => view.calls).toEqual(['stop', 'openDashboard']);
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('hides Stop once the run is done', async () => {
    const view = await openWebview({ kind: 'sidebar', width: 320, height: 420, theme: 'light' });
    await view.feed(loadFixture('vae-mnist').messages);
    expect(await view.page.locator('vscode-button', { hasText: 'Stop' }).isVisible()).toBe(false);
    await view.screenshot('sidebar-light');
    await view.close();
  });
});
