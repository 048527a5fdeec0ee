// Runs the built dist/extension.js's activate() outside VS Code, against the stand-in 'vscode' module of
// scripts/bench/vscodeStub.ts; `adjust` swaps in recorders for the parts of the API a test looks at.
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeExtensionContext, vscodeStub } from '../../scripts/bench/vscodeStub';

export const REPO_ROOT = join(__dirname, '..', '..');
const extensionJs = join(REPO_ROOT, 'dist', 'extension.js');

/**
 * Activates, disposes the subscriptions, and returns the context activate() was given. `extensionPath` is where the
 * extension believes it is installed (its dist/trainer.js is the trainer it starts): a test can put a stand-in there.
 */
export function activateBuiltExtension(adjust: (stub: Record<string, unknown>) => void = () => {}, extensionPath = REPO_ROOT): Record<string, unknown> {
  const source = readFileSync(extensionJs, 'utf8');
  const stub = vscodeStub([...new Set([...source.matchAll(/\bvscode\d*\.([A-Za-z_]\w*)/g)].map((m) => m[1]))]);
  adjust(stub);
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = (request, ...rest) => (request === 'vscode' ? 'vscode' : resolve(request, ...rest));
  require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub } as unknown as NodeJS.Module;
  try {
    delete require.cache[extensionJs];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- through the CommonJS loader patched above
    const extension = require(extensionJs) as { activate: (context: unknown) => void };
    const context = fakeExtensionContext(extensionPath);
    extension.activate(context);
    (context.subscriptions as { dispose?: () => void }[]).forEach((d) => d.dispose?.());
    return context;
  } finally {
    loader._resolveFilename = resolve;
    delete require.cache.vscode;
  }
}
