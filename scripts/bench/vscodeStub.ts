// A stand-in for the 'vscode' module, enough for activate() to run outside VS Code: every unknown member is a
// callable, constructible object that returns more of the same; the few values activation computes with are real.
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Anything = ((...args: unknown[]) => Anything) & Record<string | symbol, unknown>;

function anything(): Anything {
  const cache = new Map<string | symbol, unknown>();
  const target = function () {} as unknown as Anything;
  return new Proxy(target, {
    get: (_t, key) => {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'dispose') return () => {};
      if (!cache.has(key)) cache.set(key, anything());
      return cache.get(key);
    },
    set: (_t, key, value) => {
      cache.set(key, value);
      return true;
    },
    apply: () => anything(),
    construct: () => anything(),
  });
}

const uri = (fsPath: string) => ({ fsPath, path: fsPath, scheme: 'file', toString: () => `file://${fsPath}` });

class EventEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  event = (listener: (value: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    this.listeners.forEach((l) => l(value));
  }
  dispose(): void {
    this.listeners = [];
  }
}

/**
 * The real module's top-level names, read from @types/vscode in `repoRoot`'s node_modules. A bundle copies a CommonJS
 * module's own keys into the namespace object it reads `vscode.X` from, so each name it uses must be one; listing all
 * of them works on a minified bundle too, where the namespace has another name.
 */
export function vscodeApiNames(repoRoot: string): string[] {
  const declarations = readFileSync(join(repoRoot, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  return [...declarations.matchAll(/^\texport (?:class|namespace|enum|function|const|let) (\w+)/gm)].map((m) => m[1]);
}

/** `names`: the top-level members to provide (`vscodeApiNames`). */
export function vscodeStub(names: string[]): Record<string, unknown> {
  const stub = anything();
  const known: Record<string, unknown> = {
      Uri: { file: uri, joinPath: (base: { fsPath: string }, ...parts: string[]) => uri(join(base.fsPath, ...parts)), parse: (s: string) => uri(s.replace(/^file:\/\//, '')) },
      EventEmitter,
      Disposable: Object.assign(class { constructor(private readonly fn: () => void) {} dispose() { this.fn(); } }, { from: () => ({ dispose: () => {} }) }),
      workspace: new Proxy({ workspaceFolders: undefined, isTrusted: true, getConfiguration: () => ({ get: (_key: string, fallback?: unknown) => fallback, has: () => false, inspect: () => undefined, update: async () => {} }) }, { get: (t, k) => (k in t ? t[k as keyof typeof t] : stub[k]) }),
  };
  return Object.fromEntries(names.map((name) => [name, name in known ? known[name] : stub[name]]));
}

/** Makes `require('vscode')` return `stub` until the returned function is called. */
export function installVscodeStub(stub: Record<string, unknown>): () => void {
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = (request, ...rest) => (request === 'vscode' ? 'vscode' : resolve(request, ...rest));
  require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub } as unknown as NodeJS.Module;
  return () => {
    loader._resolveFilename = resolve;
    delete require.cache.vscode;
  };
}

/** The integrated terminals' environment as activation changes it: `mutators` records each change. */
export function fakeEnvironmentVariableCollection() {
  const mutators = new Map<string, { type: 'replace' | 'append' | 'prepend'; value: string }>();
  const change = (type: 'replace' | 'append' | 'prepend') => (variable: string, value: string) => void mutators.set(variable, { type, value });
  return { description: undefined as unknown, persistent: true, mutators, replace: change('replace'), append: change('append'), prepend: change('prepend'), get: (variable: string) => mutators.get(variable), delete: (variable: string) => void mutators.delete(variable), clear: () => mutators.clear() };
}

export function fakeExtensionContext(extensionPath: string): Record<string, unknown> {
  const memento = () => ({ get: (_k: string, fallback?: unknown) => fallback, update: async () => {}, keys: () => [] });
  return { subscriptions: [], extensionUri: uri(extensionPath), extensionPath, globalState: memento(), workspaceState: memento(), storageUri: undefined, globalStorageUri: uri(join(extensionPath, '.bench-storage')), extensionMode: 3, asAbsolutePath: (p: string) => join(extensionPath, p), environmentVariableCollection: fakeEnvironmentVariableCollection() };
}
