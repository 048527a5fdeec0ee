// One VS Code session per test file: temp workspace, extensions dir, code-server, Chromium and the workbench page.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { it } from 'vitest';
import { startCodeServer, type CodeServer } from './codeServer';
import { launchChromium, Workbench } from './workbench';

export interface Session {
  root: string;
  workspace: string;
  runsDir: string;
  extensionsDir: string;
  server: CodeServer;
  browser: Browser;
  workbench: Workbench;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Installs the extension into the (empty) extensions dir before code-server starts. */
  install: (extensionsDir: string, userDataDir: string) => unknown;
  /** Fills the (empty) workspace folder. */
  prepare?: (workspace: string) => void;
  settings?: Record<string, unknown>;
}

export async function openSession(options: SessionOptions): Promise<Session> {
  const root = mkdtempSync(join(tmpdir(), 'aelab-e2e-'));
  const workspace = join(root, 'workspace');
  const extensionsDir = join(root, 'extensions');
  mkdirSync(workspace);
  mkdirSync(extensionsDir);
  options.prepare?.(workspace);
  await options.install(extensionsDir, join(root, 'user-data'));
  const server = await startCodeServer({ root, workspace, extensionsDir, settings: options.settings });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const workbench = await Workbench.open(browser, server.url);
    // The activity bar entry appears once VS Code has read the extension's contributions (menus, commands).
    await workbench.page.locator('.activitybar .action-item a[aria-label^="Autoencoder Lab"]').waitFor({ timeout: 60_000 });
    return {
      root,
      workspace,
      runsDir: join(workspace, '.aelab', 'runs'),
      extensionsDir,
      server,
      browser,
      workbench,
      close: async () => {
        await browser?.close();
        await server.stop();
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    await server.stop();
    throw new Error(`${String(error)}\ncode-server output:\n${server.output().slice(-3000)}`);
  }
}

/** Runs a test body; on failure saves a screenshot into test-output/e2e/ and rethrows. */
export async function withScreenshotOnFailure(session: () => Session | undefined, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const file = await session()?.workbench.screenshot(name);
    if (file && error instanceof Error) error.message += `\n(screenshot: ${file})`;
    // The screenshot stays on the machine that ran the test; what the workbench says travels with the CI log.
    const shown = await session()?.workbench.visibleMessages().catch(() => []);
    if (shown?.length && error instanceof Error) error.message += `\n(workbench shows: ${shown.join(' | ')})`;
    await session()?.workbench.dismiss(); // so the next test starts from a clean workbench
    throw error;
  }
}

/** `it` for a test that drives the session: a failure leaves a screenshot named after the test. */
export function sessionTest(session: () => Session | undefined) {
  return (name: string, body: (s: Session) => Promise<void>) => it(name, () => withScreenshotOnFailure(session, name, () => body(session()!)));
}
