// Apply Autoencoder in a real VS Code: a denoising run trained by the CLI on MNIST (the real trainer, 1 epoch), then
// right-click a PNG in the explorer -> Apply Autoencoder… -> the run -> Denoise: the denoised PNG is written next to it
// and shown beside the input with its per-pixel error map.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { installUnpacked } from './harness/extensionFolders';
import { FIXTURES, REPO } from './harness/paths';
import { waitFor } from './harness/runFiles';
import { openSession, sessionTest, type Session } from './harness/session';

const PNG_SIGNATURE = '89504e470d0a1a0a';

/** Trains experiments/tiny-denoiser.ae.json (the denoising template) for one epoch on 256 digits with the CLI. */
function trainTinyDenoiser(workspace: string): void {
  const cli = join(REPO, 'dist', 'cli.js');
  const options = { cwd: workspace, stdio: 'pipe' as const, timeout: 240_000 };
  execFileSync(process.execPath, [cli, 'new', 'denoising', 'tiny-denoiser'], options);
  execFileSync(process.execPath, [cli, 'train', join('experiments', 'tiny-denoiser.ae.json'), '--epochs', '1', '--limit', '256', '--json'], options);
}

let session: Session | undefined;
beforeAll(async () => {
  session = await openSession({
    install: (extensionsDir) => installUnpacked(extensionsDir),
    prepare: (workspace) => {
      trainTinyDenoiser(workspace);
      copyFileSync(join(FIXTURES, 'images-small', 'circle', '00.png'), join(workspace, 'circle.png')); // a 28x28 gray shape, like a digit
    },
  });
}, 400_000);
afterAll(async () => session?.close());

const test = sessionTest(() => session);

describe('Apply Autoencoder (unpacked build)', () => {
  test('right-click a PNG -> Apply Autoencoder… -> Denoise writes the denoised PNG and shows it beside the input', async ({ workbench, workspace }) => {
    const out = join(workspace, 'circle-denoised.png');
    await workbench.explorerContextMenuAndPick('circle.png', 'Apply Autoencoder', 'tiny-denoiser', 'denoising');
    await workbench.pick('Denoise');
    await workbench.typePath(out); // the save dialog proposes this path; confirm it
    // A failure notification ends the wait with what the trainer said.
    const failure = workbench.notification(/Autoencoder Lab: .*(failed|cannot)/);
    await waitFor('the denoised PNG', async () => {
      if (await failure.count()) throw new Error(`Apply Autoencoder failed: ${await failure.locator('.notification-list-item-message').first().textContent()}`);
      return existsSync(out) && readFileSync(out).subarray(0, 8).toString('hex') === PNG_SIGNATURE;
    }, 120_000);
    await workbench.page.locator('.tab', { hasText: 'Denoise: circle.png' }).waitFor({ timeout: 30_000 });
    const frame = await workbench.webviewFrame('#heat[data-ready="true"]');
    expect(await frame.locator('#input').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await frame.locator('#output').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([28, 28]);
    const caption = (await frame.locator('#heat-caption').textContent()) ?? '';
    expect(caption).toMatch(/^per-pixel error: mean 0\.\d{4}, max \d\.\d{4} \(of 1\)$/);
    expect(Number(/max (\S+)/.exec(caption)?.[1])).toBeGreaterThan(0); // the model's output is not the input copied
  });
});
