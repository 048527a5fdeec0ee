// The host side of handleWebviewMessage for a unit test: every action does nothing, warnings and replies are
// recorded, and the test overrides the few deps it is about (decode, evaluateRun, probe, the shown run's data).
import { DashboardModel } from '../../src/extension/dashboard/dashboardModel';
import type { WebviewMessageDeps } from '../../src/extension/dashboard/handleWebviewMessage';
import type { HostToWebview } from '../../src/protocol/dashboardMessages';

export interface RecordingWebviewDeps {
  deps: WebviewMessageDeps;
  warnings: string[];
  replies: HostToWebview[];
}

export function recordingWebviewDeps(overrides: Partial<WebviewMessageDeps> = {}): RecordingWebviewDeps {
  const warnings: string[] = [];
  const replies: HostToWebview[] = [];
  const model = new DashboardModel();
  const deps: WebviewMessageDeps = {
    runsDir: () => undefined,
    data: () => model.data,
    warn: (message) => void warnings.push(message),
    reply: (message) => void replies.push(message),
    initialized: () => undefined,
    stopRun: () => undefined,
    openDashboard: () => undefined,
    openRun: () => undefined,
    listRuns: () => undefined,
    compareRuns: () => undefined,
    showOpenDialog: async () => undefined,
    showSaveDialog: async () => undefined,
    writeFile: async () => undefined,
    ...overrides,
  };
  return { deps, warnings, replies };
}
