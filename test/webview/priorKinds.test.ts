// The Generate view of the kinds that sample a N(0, I) prior without being VAEs (wae-mmd, aae), on recorded runs:
// prior samples drawn, no manifold (4- and 8-D codes); the AAE's discriminator loss and accuracy among the curves.
import { describe, expect, it } from 'vitest';
import { lastMessage, loadFixture } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';
import { inkPixels } from './harness/pixels';

const openWebview = useBrowser();

describe.each([['wae-mmd-mnist'], ['aae-mnist']] as const)('generate view of %s', (name) => {
  it('shows the decoded prior samples', async () => {
    const fixture = loadFixture(name);
    const generated = lastMessage(fixture, 'generated');
    expect(generated.manifold).toBeUndefined();
    const view = await openWebview();
    await view.feed(fixture.messages);
    await view.showView('generate');
    const prior = view.page.locator('.prior-grid canvas');
    await expect.poll(() => prior.count()).toBe(16);
    for (let i = 0; i < 16; i++) expect(await inkPixels(prior.nth(i))).toBeGreaterThan(20);
    expect(await view.page.locator('.prior-grid').locator('..').isVisible()).toBe(true);
    expect(await view.page.locator('.manifold').locator('..').isVisible()).toBe(false);
    await view.screenshot(`generate-${name}`);
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });
});

describe('curves of an aae run', () => {
  it('plot the discriminator\'s loss and accuracy and the generator loss', async () => {
    const view = await openWebview();
    await view.feed(loadFixture('aae-mnist').messages);
    const legend = await view.page.locator('.components-chart .u-legend').textContent();
    for (const name of ['disc_loss', 'disc_accuracy', 'gen_loss']) expect(legend).toContain(name);
    expect(await inkPixels(view.page.locator('.components-chart canvas'))).toBeGreaterThan(300);
    await view.close();
  });
});
