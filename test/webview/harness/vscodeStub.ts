// What the page gets instead of VS Code: acquireVsCodeApi (posts go to the Node side through an exposed function,
// state survives a reload like VS Code's webview state), the theme variables, and a log of CSP violations.
import { THEMES, type ThemeName } from './themes';

export interface StubOptions {
  theme: ThemeName;
  /** The state VS Code would hand back to a restored webview. */
  initialState?: unknown;
}

/** Runs in the page before any of its scripts (Playwright init scripts are not subject to the page's CSP). */
function installStub({ vars, bodyClass, initialState }: { vars: Record<string, string>; bodyClass: string; initialState: unknown }): void {
  const record = { events: [] as string[], violations: [] as string[], states: [] as unknown[] };
  Object.assign(window, { __aelab: record });
  document.addEventListener('securitypolicyviolation', (e) => record.violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  // The init script runs before <html> exists; theme variables go on it as soon as it does, as VS Code puts them.
  const applyTheme = () => Object.entries(vars).forEach(([name, value]) => document.documentElement.style.setProperty(name, value));
  if (document.documentElement) applyTheme();
  else {
    const observer = new MutationObserver(() => {
      if (!document.documentElement) return;
      observer.disconnect();
      applyTheme();
    });
    observer.observe(document, { childList: true });
  }
  document.addEventListener('DOMContentLoaded', () => {
    document.body.classList.add(bodyClass);
    // VS Code paints the editor or side bar behind the (transparent) webview frame.
    const behind = document.body.dataset.view === 'sidebar' ? '--vscode-sideBar-background' : '--vscode-editor-background';
    document.documentElement.style.background = `var(${behind})`;
  });
  window.addEventListener('message', (event) => record.events.push(`received ${(event.data as { type?: string })?.type}`));
  const stored = sessionStorage.getItem('aelab-state');
  let state: unknown = stored ? JSON.parse(stored) : initialState;
  let acquired = false;
  const host = window as unknown as { __aelabPost: (message: unknown) => Promise<void> };
  Object.assign(window, {
    acquireVsCodeApi: () => {
      if (acquired) throw new Error('acquireVsCodeApi may only be called once');
      acquired = true;
      return Object.freeze({
        postMessage: (message: { type?: string }) => {
          record.events.push(`posted ${message?.type}`);
          void host.__aelabPost(message);
        },
        getState: () => state,
        setState: (next: unknown) => {
          state = next;
          record.states.push(next);
          sessionStorage.setItem('aelab-state', JSON.stringify(next));
        },
      });
    },
  });
}

export function stubScript({ theme, initialState }: StubOptions): { content: string } {
  const { vars, bodyClass } = THEMES[theme];
  return { content: `(${installStub.toString()})(${JSON.stringify({ vars, bodyClass, initialState: initialState ?? null })});` };
}
