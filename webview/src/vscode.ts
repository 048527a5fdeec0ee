// The one handle on the VS Code webview API. acquireVsCodeApi may only be called once per page.
import type { PersistedWebviewState, WebviewToHost } from '../../src/protocol/dashboardMessages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function postToHost(message: WebviewToHost): void {
  api.postMessage(message);
}

export function loadPersistedState(): Partial<PersistedWebviewState> {
  const state = api.getState();
  return state && typeof state === 'object' ? (state as Partial<PersistedWebviewState>) : {};
}

export function persistState(state: PersistedWebviewState): void {
  api.setState(state);
}
