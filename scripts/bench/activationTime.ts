// Extension-host cost of activation: dist/extension.js loaded cold with the 'vscode' module stubbed, then
// activate() with a fake context. Also confirms the host never loads TensorFlow.js.
import { TFJS_CODE } from './tfjsCode';
import { readFileSync, statSync } from 'node:fs';
import { fakeExtensionContext, installVscodeStub, vscodeApiNames, vscodeStub } from './vscodeStub';

export interface ActivationResult {
  extension_js_bytes: number;
  require_ms: number;
  activate_ms: number;
  total_ms: number;
  tfjs_in_bundle: boolean;
  tfjs_loaded: boolean;
}

export function measureActivation(extensionJs: string, repoRoot: string): ActivationResult {
  const source = readFileSync(extensionJs, 'utf8');
  installVscodeStub(vscodeStub(vscodeApiNames(repoRoot)));

  const t0 = performance.now();
  // Timing the bundle's own load is the point, so it is required at run time rather than imported.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(extensionJs) as { activate: (context: unknown) => void };
  const t1 = performance.now();
  const context = fakeExtensionContext(repoRoot);
  extension.activate(context);
  const t2 = performance.now();
  (context.subscriptions as { dispose?: () => void }[]).forEach((d) => d.dispose?.());

  return {
    extension_js_bytes: statSync(extensionJs).size,
    require_ms: round1(t1 - t0),
    activate_ms: round1(t2 - t1),
    total_ms: round1(t2 - t0),
    tfjs_in_bundle: TFJS_CODE.test(source),
    tfjs_loaded: Object.keys(require.cache).some((file) => file.includes('@tensorflow')),
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
