// One browser and page server per test file.
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openWebview, type OpenWebview, type WebviewOptions } from './openWebview';
import type { PageServer } from './pageServer';

export function useBrowser(): (options?: WebviewOptions) => Promise<OpenWebview> {
  let browser: Browser;
  let server: PageServer;
  beforeAll(async () => ({ browser, server } = await launchBrowser()));
  afterAll(async () => {
    await server?.close();
    await browser?.close();
  });
  return (options) => openWebview(browser, server, options);
}
