// Drives the VS Code workbench in Chromium the way a user does: command palette, quick picks, explorer, webviews.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM, OUTPUT } from './paths';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Runs in the page (Playwright sends its source), so it must not refer to anything outside itself. */
function isDisabledMenuItem(item: Element): boolean {
  return item.matches('.disabled, [aria-disabled="true"]') || item.querySelector('.disabled') !== null;
}

export class Workbench {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, url: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The explorer lists the workspace once the workbench has restored.
    await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
    return new Workbench(page);
  }

  /** F1, the command's full title, Enter: only once the palette shows exactly that command. */
  async runCommand(title: string): Promise<void> {
    const input = this.quickInput();
    // F1 is lost while focus is in a webview or while a quick input is still closing: then focus the workbench
    // (an empty stretch of the title bar, left of the command center) and press it again.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Escape');
      await this.page.locator('.monaco-workbench').click({ position: { x: 250, y: 12 } }).catch(() => undefined);
      await this.page.keyboard.press('F1');
      const opened = await input.waitFor({ timeout: 5_000 }).then(() => true, () => false);
      if (opened) break;
      if (attempt === 3) await input.waitFor({ timeout: 1 });
    }
    // The palette lists what is registered when the text changes and does not update afterwards. Just after the
    // window opens, commands gated on a context key (enablement "isWorkspaceTrusted") can still be missing, so a
    // search that does not show the command is typed again.
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    for (let attempt = 1; ; attempt++) {
      await input.fill('>');
      await input.fill(`>${title}`);
      if (await row.waitFor({ timeout: 4_000 }).then(() => true, () => false)) break;
      if (attempt === 5) await row.waitFor({ timeout: 1 });
    }
    await input.press('Enter');
  }

  /**
   * Runs a command that opens a quick pick, then picks from it. A quick pick closes when focus moves (on a loaded
   * machine a webview can still be taking focus from the previous step), so a pick that did not open, or closed
   * before it could be filled, is asked for again, at most three times.
   */
  async runCommandAndPick(title: string, text: string, expect = text): Promise<void> {
    await this.openAndPick(() => this.runCommand(title), text, expect);
  }

  /** Runs `open` (a step that opens a quick pick) and picks from it, asking again while the pick closes first. */
  private async openAndPick(open: () => Promise<void>, text: string, expect: string): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      await open();
      if (!(await this.quickInput().waitFor({ timeout: 15_000 }).then(() => true, () => false))) continue;
      if (await this.pickUnlessClosed(text, expect)) return;
      await this.dismiss();
    }
    await this.pick(text, expect); // fails with the locator's own message
  }

  /** pick(), but false (nothing chosen) when the quick pick closes before its row is accepted; other failures throw. */
  private async pickUnlessClosed(text: string, expect: string): Promise<boolean> {
    const input = this.quickInput();
    try {
      await input.fill(text, { timeout: 5_000 });
      await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: expect }).waitFor({ timeout: 20_000 });
      await input.press('Enter', { timeout: 5_000 });
      return true;
    } catch (error) {
      if (await input.isVisible()) throw error;
      return false;
    }
  }

  quickInput() {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  /** Filters the open quick pick by `text` and accepts the highlighted row, which must contain `expect`. */
  async pick(text: string, expect = text): Promise<void> {
    await this.quickInput().waitFor();
    if (!(await this.pickUnlessClosed(text, expect))) throw new Error(`the quick pick closed before "${expect}" could be picked`);
  }

  /** Replaces the text of an input box and accepts it. */
  async type(text: string): Promise<void> {
    const input = this.quickInput();
    await input.waitFor();
    await input.fill(text);
    await input.press('Enter');
  }

  /**
   * Types a path into the simple file dialog the way a user does. The dialog refills an emptied box with its current
   * folder and proposes completions as selected text after the caret, so type only what is missing and drop the rest.
   */
  async typePath(path: string): Promise<void> {
    const input = this.quickInput();
    await input.waitFor();
    await input.press('Control+A');
    await input.press('Delete');
    await this.page.waitForTimeout(500);
    const current = await input.inputValue();
    if (!path.startsWith(current)) await input.fill('');
    await input.pressSequentially(path.startsWith(current) ? path.slice(current.length) : path, { delay: 30 });
    await this.page.waitForTimeout(300);
    if ((await input.inputValue()) !== path) await input.press('Delete');
    await expect.poll(() => input.inputValue()).toBe(path);
    await input.press('Enter');
  }

  /** Closes whatever a failed step left open (quick input, menu, dialog). */
  async dismiss(): Promise<void> {
    for (let i = 0; i < 3; i++) await this.page.keyboard.press('Escape');
  }

  async quickInputTitle(): Promise<string> {
    return (await this.page.locator('.quick-input-widget .quick-input-title').textContent()) ?? '';
  }

  /** Opens a workspace file from the explorer (Quick Open depends on a file index that lags behind new files). */
  async openFile(name: string, folder?: string): Promise<void> {
    if (folder) await this.expandFolder(folder);
    // A click that lands while the explorer re-renders (a file another test wrote appearing) only selects the row:
    // click again until the file's tab is the active one.
    const tab = this.page.locator('.tab.active', { hasText: name });
    for (let attempt = 1; ; attempt++) {
      await this.explorerRow(name).click();
      try {
        return await tab.waitFor({ timeout: 10_000 });
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  explorerRow(label: string) {
    return this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${label}"]`);
  }

  async expandFolder(label: string): Promise<void> {
    const row = this.explorerRow(label);
    await row.waitFor({ timeout: 30_000 });
    // The explorer may be expanding the folder itself (revealing a file written a moment ago): a click that lands
    // mid-way collapses it again, so read the state after each click and click again until it stays expanded.
    for (let attempt = 0; attempt < 10; attempt++) {
      if ((await row.getAttribute('aria-expanded')) === 'true') return;
      await row.click();
      await this.page.waitForTimeout(300);
    }
    throw new Error(`the explorer folder "${label}" did not stay expanded`);
  }

  /** Right-clicks an explorer row and chooses a context-menu item. */
  /**
   * Right-clicks an explorer row and runs `item` from its context menu. Just after the window opens, items whose
   * command is gated on a context key (enablement "isWorkspaceTrusted") can be listed but disabled, and a disabled
   * item does nothing when chosen: close the menu and open it again until the item is enabled.
   */
  async explorerContextMenu(rowLabel: string, item: string): Promise<void> {
    const row = this.explorerRow(rowLabel);
    await row.waitFor({ timeout: 30_000 });
    const menu = this.page.locator('.context-view .monaco-menu');
    const action = menu.locator('.action-item', { hasText: item }).first();
    for (let attempt = 1; ; attempt++) {
      await row.click({ button: 'right' });
      await action.waitFor();
      await this.page.waitForTimeout(300); // the menu may still re-lay out as late contributions arrive
      const disabled = await action.evaluate(isDisabledMenuItem);
      if (!disabled) break;
      if (attempt === 10) throw new Error(`the context menu of ${rowLabel} lists "${item}" but keeps it disabled`);
      await this.page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
      await this.page.waitForTimeout(1000);
    }
    // Enter runs the focused item: make sure hovering focused this one (the menu can shift under the pointer).
    await action.hover();
    const focused = await menu.locator('.action-item.focused', { hasText: item }).first().waitFor({ timeout: 1000 }).then(() => true, () => false);
    if (focused) await this.page.keyboard.press('Enter');
    else await action.click();
    await menu.waitFor({ state: 'detached', timeout: 5000 }).catch(async () => action.click());
  }

  /**
   * Runs an explorer context-menu item that opens a quick pick, then picks from it; like runCommandAndPick, a pick
   * that did not open (or closed as focus moved) is asked for again, at most three times.
   */
  async explorerContextMenuAndPick(rowLabel: string, item: string, text: string, expect = text): Promise<void> {
    await this.openAndPick(() => this.explorerContextMenu(rowLabel, item), text, expect);
  }

  notification(text: string | RegExp) {
    return this.page.locator('.notification-toast, .notifications-center', { hasText: text }).first();
  }

  /** The frame of a webview whose document contains `selector` (webviews are nested iframes). */
  async webviewFrame(selector: string, timeoutMs = 60_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames()) {
        if (await frame.locator(selector).count().catch(() => 0)) return frame;
      }
      await this.page.waitForTimeout(500);
    }
    throw new Error(`no webview shows ${selector}`);
  }

  /** Notification toasts and any open context menu, as text (for failure messages). */
  async visibleMessages(): Promise<string[]> {
    const toasts = await this.page.locator('.notification-toast .notification-list-item-message').allTextContents();
    const menuItems: string[] = [];
    for (const item of await this.page.locator('.context-view .monaco-menu .action-item').all()) {
      const label = ((await item.textContent()) ?? '').trim();
      if (label) menuItems.push(`menu item "${label}"${(await item.evaluate(isDisabledMenuItem)) ? ' (disabled)' : ''}`);
    }
    return [...toasts.map((text) => `notification "${text}"`), ...menuItems];
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(OUTPUT, { recursive: true });
    const file = join(OUTPUT, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file }).catch(() => undefined);
    return file;
  }
}
