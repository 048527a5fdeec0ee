// The webview's state: the host's data (replaced key by key by SET_DATA) plus UI choices, with per-key listeners.
import { emptyDashboardData, type DashboardData, type DashboardView, type DataKey, type HostToWebview, type PersistedWebviewState } from '../../src/protocol/dashboardMessages';
import { resolveDecoded } from './decoder';
import { resolveProbed } from './tryit/probeClient';
import { persistState } from './vscode';

export interface Prefs {
  logScale: boolean;
  smoothing: number;
  /** Anomaly threshold default: mean + k * std of the train errors, or this percentile of them. */
  k: number;
  percentile: number;
  usePercentile: boolean;
}

export interface UiState {
  view: DashboardView;
  prefs: Prefs;
  /** Validation sample indices picked in the latent view (at most two) for interpolation and traversal. */
  picks: number[];
  /** The anomaly threshold the user dragged to; null means the default from prefs. */
  threshold: number | null;
  compareIds: string[];
  notice: { ok: boolean; message: string } | null;
}

export type StoreKey = DataKey | keyof UiState;

const DEFAULT_PREFS: Prefs = { logScale: false, smoothing: 0, k: 3, percentile: 99, usePercentile: false };

export class Store {
  readonly data: DashboardData = emptyDashboardData();
  readonly ui: UiState;
  private readonly listeners = new Map<StoreKey, Set<() => void>>();

  constructor(persisted: Partial<PersistedWebviewState>) {
    this.ui = { view: persisted.view ?? 'curves', prefs: { ...DEFAULT_PREFS, ...(persisted.prefs as Partial<Prefs>) }, picks: [], threshold: null, compareIds: [], notice: null };
    // Paint the last known curves at once; the host re-sends everything after INITIALIZED anyway.
    if (Array.isArray(persisted.metrics)) this.data.metrics = persisted.metrics;
    if (persisted.run) this.data.run = persisted.run;
  }

  /** Calls listener once per change batch that touches any of keys; returns an unsubscribe function. */
  on(keys: StoreKey[], listener: () => void): () => void {
    keys.forEach((key) => (this.listeners.get(key) ?? this.listeners.set(key, new Set()).get(key)!).add(listener));
    return () => keys.forEach((key) => this.listeners.get(key)?.delete(listener));
  }

  setData(partial: Partial<DashboardData>): void {
    const runChanged = 'run' in partial && partial.run?.runId !== this.data.run?.runId;
    Object.assign(this.data, partial);
    const keys = Object.keys(partial) as StoreKey[];
    if (runChanged) {
      Object.assign(this.ui, { picks: [], threshold: null });
      keys.push('picks', 'threshold');
    }
    this.emit(keys);
  }

  setUi(partial: Partial<UiState>): void {
    Object.assign(this.ui, partial);
    this.emit(Object.keys(partial) as StoreKey[]);
  }

  setPrefs(partial: Partial<Prefs>): void {
    this.setUi({ prefs: { ...this.ui.prefs, ...partial } });
  }

  /** Redraws everything, e.g. after a theme change (colours are read from CSS variables when drawing). */
  refreshAll(): void {
    this.emit([...(Object.keys(this.data) as StoreKey[]), 'prefs', 'picks']);
  }

  receive(message: HostToWebview): void {
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
      case 'SET_DATA':
        return this.setData(message.data);
      case 'SHOW_VIEW':
        return this.setUi({ view: message.view, ...(message.compareRunIds ? { compareIds: message.compareRunIds } : {}) });
      case 'DECODED':
        return resolveDecoded(message);
      case 'EXPORT_RESULT':
        return this.setUi({ notice: { ok: message.ok, message: message.message } });
      case 'PROBED':
        return resolveProbed(message);
    }
  }

  private emit(keys: StoreKey[]): void {
    const due = new Set<() => void>();
    keys.forEach((key) => this.listeners.get(key)?.forEach((listener) => due.add(listener)));
    due.forEach((listener) => listener());
    if (keys.some((key) => key === 'run' || key === 'metrics' || key === 'view' || key === 'prefs')) this.persist();
  }

  private persist(): void {
    const { run, metrics } = this.data;
    persistState({ view: this.ui.view, runId: run?.runId, run, metrics, prefs: { ...this.ui.prefs } });
  }
}
