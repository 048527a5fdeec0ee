// Audio view on a recorded audio denoising run (scripts/record-webview-fixture.mjs audio-alsa: alsa-utils recordings
// at 8 kHz, white noise at 10 dB): per clip, the spectrograms of the input, the noisy input and the output, each with a
// player whose WAV plays from a blob: URL, and the SNRs. The tab is offered only to audio runs; names are text.
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import type { PersistedWebviewState } from '../../src/protocol/dashboardMessages';
import { lastMessage, loadFixture } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';
import type { OpenWebview } from './harness/openWebview';

const openWebview = useBrowser();

/** Canvas pixels above the colour map's floor (its darkest entry is dark purple, so "drawn" means brighter than that). */
function litPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement;
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let lit = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] === 255 && data[i + 1] > 60) lit++;
    return lit;
  });
}

/** Each player's source scheme and whether the browser decoded the WAV (metadata loaded, a positive duration). */
function players(view: OpenWebview) {
  return view.page.locator('.audio-view audio').evaluateAll((elements) =>
    Promise.all(
      elements.map(async (element) => {
        const audio = element as HTMLAudioElement;
        // A blocked or undecodable source ends in 'error' (audio.error set) instead of hanging the test.
        if (audio.readyState < 1 && !audio.error) await new Promise((resolve) => ['loadedmetadata', 'error'].forEach((type) => audio.addEventListener(type, resolve, { once: true })));
        return { scheme: new URL(audio.src).protocol, controls: audio.controls, duration: audio.duration, error: audio.error?.code ?? null };
      }),
    ),
  );
}

describe('audio view', () => {
  it('shows each clip as input, noisy input and output spectrograms with players and SNRs', async () => {
    const view = await openWebview();
    const fixture = loadFixture('audio-alsa');
    const audio = lastMessage(fixture, 'audioClips');
    expect(audio.clips.length).toBeGreaterThan(1);
    await view.feed(fixture.messages);
    expect(await view.page.locator('vscode-tab-header[data-view="audio"]').isVisible()).toBe(true);
    await view.showView('audio');

    const clips = view.page.locator('.audio-clip');
    expect(await clips.count()).toBe(audio.clips.length);
    expect(await view.page.locator('.audio-clip .section-title').allTextContents()).toEqual(audio.clips.map((c) => c.name));
    expect(await view.page.locator('.audio-summary').textContent()).toContain(`white noise mixed at ${audio.mixSnr!.toFixed(1)} dB SNR`);
    for (let c = 0; c < audio.clips.length; c++) {
      const clip = audio.clips[c];
      const tracks = clips.nth(c).locator('.audio-track');
      expect(await tracks.evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.role))).toEqual(['input', 'noisy', 'output']);
      expect(await tracks.locator('strong').allTextContents()).toEqual(['Input', 'Noisy input', 'Output']);
      const canvases = clips.nth(c).locator('canvas.audio-spectrogram');
      expect(await canvases.count()).toBe(3);
      for (let t = 0; t < 3; t++) {
        const size = await canvases.nth(t).evaluate((e) => [(e as HTMLCanvasElement).width, (e as HTMLCanvasElement).height]);
        expect(size).toEqual([clip.frames, clip.bins]);
        expect(await litPixels(canvases.nth(t))).toBeGreaterThan((clip.frames * clip.bins) / 20);
      }
      // Noise fills the quiet bins: the noisy input lights more of its spectrogram than the clean input.
      expect(await litPixels(canvases.nth(1))).toBeGreaterThan(await litPixels(canvases.nth(0)));
      const scores = await tracks.locator('.audio-score').allTextContents();
      expect(scores).toHaveLength(2);
      expect(scores[0]).toBe(`SNR ${clip.snr!.noisy.toFixed(1)} dB · SI-SNR ${clip.siSnr!.noisy.toFixed(1)} dB`);
      expect(scores[1]).toContain(`SNR ${clip.snr!.output.toFixed(1)} dB`);
      expect(scores[1]).toContain('over the noisy input');
    }

    // Three players per clip, each a blob: WAV the browser decodes to the clip's length.
    const loaded = await players(view);
    expect(loaded).toHaveLength(3 * audio.clips.length);
    loaded.forEach((player, i) => {
      expect(player).toMatchObject({ scheme: 'blob:', controls: true, error: null });
      expect(player.duration).toBeCloseTo(audio.clips[Math.floor(i / 3)].seconds, 2);
    });
    await view.screenshot('audio');
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('is offered only to audio runs, and a clip name is text, never markup', async () => {
    const initialState: PersistedWebviewState = { view: 'audio', run: null, metrics: [], prefs: {} };
    const view = await openWebview({ theme: 'light', initialState });
    const header = view.page.locator('vscode-tab-header[data-view="audio"]');
    await view.feed(loadFixture('deep-mnist').messages);
    expect(await header.isVisible()).toBe(false);
    expect(await view.page.locator('vscode-tab-header[data-view="reconstructions"]').isVisible()).toBe(true);
    const empty = view.page.locator('.audio-view .empty-note');
    await expect.poll(() => empty.textContent()).toContain('This run\'s data is not audio');
    expect(await view.page.locator('.audio-body').isVisible()).toBe(false);

    const audio = lastMessage(loadFixture('audio-alsa'), 'audioClips');
    const hostile = '<img src=x onerror=alert(1)>.wav';
    await view.feed([{ ...audio, clips: audio.clips.map((clip, i) => (i === 0 ? { ...clip, name: hostile } : clip)) }]);
    expect(await header.isVisible()).toBe(true);
    await view.showView('audio');
    expect(await view.page.locator('.audio-clip .section-title').first().textContent()).toBe(hostile);
    expect(await view.page.locator('.audio-view img').count()).toBe(0);
    expect((await players(view)).every((p) => p.scheme === 'blob:' && p.duration > 0)).toBe(true);
    await view.screenshot('audio-light');
    expect(await view.cspViolations()).toEqual([]);
    await view.close();
  });
});
