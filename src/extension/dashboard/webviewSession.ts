// Connects one webview to a DashboardModel: waits for INITIALIZED, then sends the changed keys as one SET_DATA,
// at most `updateRate` times a second. Bursts of trainer messages coalesce into one post per key.
import { DATA_KEYS, encodeTypedArrays, type DashboardData, type DataKey, type HostToWebview } from '../../protocol/dashboardMessages';
import type { DashboardModel } from './dashboardModel';

export interface SessionOptions {
  /** Gets a HostToWebview message with its typed arrays as base64 tags (see encodeTypedArrays). */
  post: (message: unknown) => unknown;
  /** Updates per second; read on every flush so a settings change applies at once. */
  updateRate: () => number;
  /** The keys this webview displays (the side view needs no images). */
  keys?: readonly DataKey[];
  now?: () => number;
}

export class WebviewSession {
  private ready = false;
  private readonly dirty = new Set<DataKey>();
  private readonly queued: HostToWebview[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private resumeTimer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = -Infinity;
  private unsubscribe: () => void = () => undefined;
  private readonly keys: readonly DataKey[];

  constructor(private model: DashboardModel, private readonly options: SessionOptions) {
    this.keys = options.keys ?? DATA_KEYS;
    this.subscribe();
  }

  get currentModel(): DashboardModel {
    return this.model;
  }

  /** The webview (re)loaded: everything it shows must be sent again, then any queued replies. */
  initialized(): void {
    this.ready = true;
    this.keys.forEach((key) => this.dirty.add(key));
    this.flush();
    this.queued.splice(0).forEach((message) => this.deliver(message));
  }

  /** The webview was hidden and its page discarded; wait for the next INITIALIZED. */
  pause(): void {
    this.ready = false;
  }

  /**
   * Shown again: the reloaded page will post INITIALIZED. Should the page have survived (nothing to reload), no
   * INITIALIZED comes, so resume on our own after a grace period rather than stay silent.
   */
  shown(graceMs = 3000): void {
    clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => this.ready || this.initialized(), graceMs);
  }

  setModel(model: DashboardModel): void {
    this.unsubscribe();
    this.model = model;
    this.subscribe();
    this.markDirty(this.keys);
  }

  /** Replies and commands go out unthrottled, but never before INITIALIZED. */
  send(message: HostToWebview): void {
    if (this.ready) this.deliver(message);
    else this.queued.push(message);
  }

  dispose(): void {
    this.unsubscribe();
    clearTimeout(this.resumeTimer);
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private subscribe(): void {
    this.unsubscribe = this.model.onDidChange((keys) => this.markDirty(keys));
  }

  private markDirty(keys: readonly DataKey[]): void {
    keys.filter((key) => this.keys.includes(key)).forEach((key) => this.dirty.add(key));
    if (this.ready && this.dirty.size && !this.timer) {
      const interval = 1000 / Math.max(0.1, this.options.updateRate());
      const wait = Math.max(0, this.lastFlush + interval - this.now());
      this.timer = setTimeout(() => this.flush(), wait);
    }
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.ready || !this.dirty.size) return;
    const data: Partial<DashboardData> = {};
    for (const key of this.dirty) Object.assign(data, { [key]: this.model.data[key] });
    this.dirty.clear();
    this.lastFlush = this.now();
    this.deliver({ type: 'SET_DATA', data });
  }

  private deliver(message: HostToWebview): void {
    this.options.post(encodeTypedArrays(message));
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
