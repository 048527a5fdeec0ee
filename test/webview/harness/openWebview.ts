// Opens the real webview bundle in headless Chromium, connected to the REAL host-side pieces (DashboardModel,
// WebviewSession, handleWebviewMessage) with VS Code services stubbed. Tests feed recorded trainer messages in and
// assert on what the page shows.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DashboardView, Experiments } from '../../../src/protocol/dashboardMessages';
import type { TrainerToHost } from '../../../src/protocol/trainerMessages';
import { loadComparison } from '../../../src/extension/dashboard/compareRuns';
import { DashboardModel } from '../../../src/extension/dashboard/dashboardModel';
import { handleWebviewMessage, type WebviewMessageDeps } from '../../../src/extension/dashboard/handleWebviewMessage';
import type { WebviewKind } from '../../../src/extension/dashboard/renderDashboardHtml';
import { listRuns } from '../../../src/extension/dashboard/runsFolder';
import { WebviewSession } from '../../../src/extension/dashboard/webviewSession';
import { buildWebview, ROOT } from './buildWebview';
import { FIXTURE_RUNS } from './fixtures';
import { startPageServer, type PageServer } from './pageServer';
import type { ThemeName } from './themes';
import { stubScript } from './vscodeStub';

export const SCREENSHOTS = join(ROOT, 'test-output/webview');

export interface WebviewOptions {
  kind?: WebviewKind;
  theme?: ThemeName;
  width?: number;
  height?: number;
  decode?: WebviewMessageDeps['decode'];
  probe?: WebviewMessageDeps['probe'];
  /** What the open dialog answers (undefined: the user cancels it). */
  openPath?: string;
  savePath?: string;
  initialState?: unknown;
  /** What the host answers LIST_EXPERIMENTS with (the Experiments tab). */
  experiments?: Experiments;
  /** Leave INITIALIZED unanswered, to see what the page shows from its own persisted state. */
  silentHost?: boolean;
}

export interface OpenWebview {
  page: Page;
  model: DashboardModel;
  /** Every message the webview posted, after zod validation succeeded or not. */
  posted: { type?: string; [key: string]: unknown }[];
  warnings: string[];
  writes: { path: string; content: string }[];
  calls: string[];
  feed(messages: TrainerToHost[]): Promise<void>;
  settle(): Promise<void>;
  showView(view: DashboardView): Promise<void>;
  screenshot(name: string): Promise<void>;
  cspViolations(): Promise<string[]>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<{ browser: Browser; server: PageServer }> {
  await buildWebview();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return { browser, server: await startPageServer() };
}

export async function openWebview(browser: Browser, server: PageServer, options: WebviewOptions = {}): Promise<OpenWebview> {
  const kind = options.kind ?? 'dashboard';
  const context = await browser.newContext({ viewport: { width: options.width ?? 1100, height: options.height ?? 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const model = new DashboardModel();
  let delivery = Promise.resolve();
  const session = new WebviewSession(model, {
    updateRate: () => 50,
    keys: kind === 'sidebar' ? ['run', 'metrics', 'progress'] : undefined,
    // Keep the host's post order: each delivery waits for the previous one. The text round trip is the strictest
    // transport VS Code might use (it JSON-encodes webview messages), so nothing non-JSON may slip through.
    post: (message) => {
      const wire = JSON.stringify(message);
      delivery = delivery.then(() => page.evaluate((text) => window.postMessage(JSON.parse(text), '*'), wire)).catch(() => undefined);
    },
  });
  const open = { posted: [], warnings: [], writes: [], calls: [] } as Pick<OpenWebview, 'posted' | 'warnings' | 'writes' | 'calls'>;
  const deps: WebviewMessageDeps = {
    runsDir: () => FIXTURE_RUNS,
    data: () => session.currentModel.data,
    warn: (message) => open.warnings.push(message),
    reply: (message) => session.send(message),
    initialized: () => (options.silentHost ? undefined : session.initialized()),
    stopRun: () => open.calls.push('stop'),
    openDashboard: () => open.calls.push('openDashboard'),
    openRun: (runDir) => open.calls.push(`open ${runDir}`),
    listRuns: async () => model.set({ runList: await listRuns(FIXTURE_RUNS) }),
    compareRuns: (runDirs) => model.set({ comparison: loadComparison(runDirs) }),
    evaluateRun: (runId) => open.calls.push(`evaluate ${runId}`),
    listExperiments: () => model.set({ experiments: options.experiments ?? null }),
    deleteRuns: (runIds) => open.calls.push(`delete ${runIds.join(' ')}`),
    rerunWithEdits: (runDir) => open.calls.push(`rerun ${runDir}`),
    decode: options.decode,
    probe: options.probe,
    showOpenDialog: async () => options.openPath,
    showSaveDialog: async () => options.savePath,
    writeFile: async (path, content) => void open.writes.push({ path, content }),
  };
  await page.exposeFunction('__aelabPost', async (message: { type?: string }) => {
    open.posted.push(message);
    await handleWebviewMessage(message, deps);
  });
  await page.addInitScript(stubScript({ theme: options.theme ?? 'dark', initialState: options.initialState }));
  page.on('pageerror', (error) => open.warnings.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && open.warnings.push(`console: ${message.text()}`));
  await page.goto(server.url(kind));

  const settle = async () => {
    // One throttle interval for the session's timer, then the queued posts, then two frames for lazy renders.
    for (let round = 0; round < 2; round++) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      await delivery;
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    }
  };
  return {
    page,
    model,
    ...open,
    settle,
    feed: async (messages) => {
      messages.forEach((message) => model.apply(message));
      await settle();
    },
    showView: async (view) => {
      await page.locator(`vscode-tab-header[data-view="${view}"]`).click();
      await settle();
    },
    screenshot: async (name) => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    cspViolations: () => page.evaluate(() => (window as unknown as { __aelab: { violations: string[] } }).__aelab.violations),
    close: async () => {
      session.dispose();
      await context.close();
    },
  };
}
