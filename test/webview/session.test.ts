// Host-side update throttling: nothing before INITIALIZED, then at most `updateRate` SET_DATA posts per second,
// with bursts coalesced into the latest value of each key.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeTypedArrays, type HostToWebview } from '../../src/protocol/dashboardMessages';
import { DashboardModel } from '../../src/extension/dashboard/dashboardModel';
import { WebviewSession } from '../../src/extension/dashboard/webviewSession';
import { loadFixture, messagesUntil } from './harness/fixtures';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setUp(keys?: ConstructorParameters<typeof WebviewSession>[1]['keys']) {
  const model = new DashboardModel();
  const posts: HostToWebview[] = [];
  const session = new WebviewSession(model, { post: (m) => posts.push(decodeTypedArrays(m) as HostToWebview), updateRate: () => 4, keys, now: () => Date.now() });
  return { model, posts, session };
}

describe('WebviewSession', () => {
  it('posts nothing before INITIALIZED, then the whole state at once', () => {
    const { model, posts, session } = setUp();
    loadFixture('deep-mnist').messages.forEach((m) => model.apply(m));
    session.send({ type: 'SHOW_VIEW', view: 'latent' });
    vi.advanceTimersByTime(5000);
    expect(posts).toEqual([]);
    session.initialized();
    expect(posts.map((p) => p.type)).toEqual(['SET_DATA', 'SHOW_VIEW']);
    const data = (posts[0] as Extract<HostToWebview, { type: 'SET_DATA' }>).data;
    expect(Object.keys(data).sort()).toEqual(['audioClips', 'codebook', 'comparison', 'errors', 'evaluation', 'experiments', 'generated', 'latent', 'metrics', 'progress', 'reconstructionHistory', 'reconstructions', 'run', 'runList', 'samples', 'series']);
  });

  it('coalesces a burst of batch ticks into at most updateRate posts per second, keeping the latest', () => {
    const { model, posts, session } = setUp();
    session.initialized();
    posts.length = 0;
    const fixture = loadFixture('deep-mnist');
    const batches = messagesUntil(fixture, 'epoch').filter((m) => m.type === 'batch');
    for (let tick = 0; tick < 1000; tick++) {
      model.apply(batches[tick % batches.length]);
      vi.advanceTimersByTime(2);
    }
    vi.advanceTimersByTime(500);
    // 2 seconds of ticks at 4 updates/s: 8 or 9 posts, never one per tick.
    expect(posts.length).toBeGreaterThanOrEqual(8);
    expect(posts.length).toBeLessThanOrEqual(9);
    const last = posts.at(-1) as Extract<HostToWebview, { type: 'SET_DATA' }>;
    expect(last.data.progress).toEqual(model.data.progress);
    expect(Object.keys(last.data)).toEqual(['progress']);
  });

  it('sends the side view only the keys it shows, and resends everything after a reload', () => {
    const { model, posts, session } = setUp(['run', 'metrics', 'progress']);
    session.initialized();
    loadFixture('deep-mnist').messages.forEach((m) => model.apply(m));
    vi.advanceTimersByTime(1000);
    const keys = new Set(posts.flatMap((p) => (p.type === 'SET_DATA' ? Object.keys(p.data) : [])));
    expect([...keys].sort()).toEqual(['metrics', 'progress', 'run']);
    session.pause();
    model.set({ progress: null });
    vi.advanceTimersByTime(1000);
    const before = posts.length;
    session.initialized();
    expect(posts.length).toBe(before + 1);
  });

  it('resumes on its own when a shown webview turns out not to have reloaded', () => {
    const { model, posts, session } = setUp();
    session.initialized();
    session.pause();
    session.shown();
    model.set({ progress: { epoch: 1, batch: 1, batches: 2 } });
    vi.advanceTimersByTime(1000);
    const paused = posts.length;
    vi.advanceTimersByTime(3000);
    expect(posts.length).toBe(paused + 1);
  });

  it('posts typed arrays as base64 tags that survive a JSON-only transport', () => {
    const model = new DashboardModel();
    const raw: unknown[] = [];
    const session = new WebviewSession(model, { post: (m) => raw.push(m), updateRate: () => 4 });
    session.initialized();
    loadFixture('deep-mnist').messages.forEach((m) => model.apply(m));
    vi.advanceTimersByTime(2000);
    const received = raw.map((m) => decodeTypedArrays(JSON.parse(JSON.stringify(m))) as HostToWebview);
    const latest = Object.assign({}, ...received.map((m) => (m.type === 'SET_DATA' ? m.data : {})));
    expect(latest.latent.points).toBeInstanceOf(Float32Array);
    expect(latest.latent).toEqual(model.data.latent);
    expect(latest.samples).toEqual(model.data.samples);
    expect(latest.errors).toEqual(model.data.errors);
    expect(latest.reconstructions).toEqual(model.data.reconstructions);
  });

  it('switches models and stops listening to the old one', () => {
    const { model, posts, session } = setUp();
    session.initialized();
    const other = new DashboardModel();
    session.setModel(other);
    vi.advanceTimersByTime(1000);
    posts.length = 0;
    model.set({ progress: { epoch: 1, batch: 1, batches: 2 } });
    vi.advanceTimersByTime(1000);
    expect(posts).toEqual([]);
    session.dispose();
    other.set({ progress: null });
    vi.advanceTimersByTime(1000);
    expect(posts).toEqual([]);
  });
});
