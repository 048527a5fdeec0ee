// Runs the built dist/extension.js's activate() outside VS Code, against the stand-in 'vscode' module of
// scripts/bench/vscodeStub.ts; `adjust` swaps in recorders for the parts of the API a test looks at.
import { join } from 'node:path';
import { fakeExtensionContext, installVscodeStub, vscodeApiNames, vscodeStub } from '../../scripts/bench/vscodeStub';

export const REPO_ROOT = join(__dirname, '..', '..');
const extensionJs = join(REPO_ROOT, 'dist', 'extension.js');
/** What extension.js requires when a command or view is first used. */
const extensionCoreJs = join(REPO_ROOT, 'dist', 'extensionCore.js');
let uninstallStub = () => {};

/**
 * Activates, disposes the subscriptions, and returns the context activate() was given. `extensionPath` is where the
 * extension believes it is installed (its dist/trainer.js is the trainer it starts): a test can put a stand-in there.
 * The stand-in stays installed until the next activation: the registered commands load the core against it.
 */
export function activateBuiltExtension(adjust: (stub: Record<string, unknown>) => void = () => {}, extensionPath = REPO_ROOT): Record<string, unknown> {
  const stub = vscodeStub(vscodeApiNames(REPO_ROOT));
  adjust(stub);
  uninstallStub();
  uninstallStub = installVscodeStub(stub);
  // Fresh copies, so that this activation's core sees this stand-in.
  delete require.cache[extensionJs];
  delete require.cache[extensionCoreJs];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- through the CommonJS loader patched above
  const extension = require(extensionJs) as { activate: (context: unknown) => void };
  const context = fakeExtensionContext(extensionPath);
  extension.activate(context);
  (context.subscriptions as { dispose?: () => void }[]).forEach((d) => d.dispose?.());
  return context;
}
