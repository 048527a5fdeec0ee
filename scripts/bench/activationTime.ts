// Extension-host cost of activation: extension.js loaded cold with the 'vscode' module stubbed, then activate() with a
// fake context, then the first use (a command), which loads and starts extensionCore.js from the same folder. Also
// confirms the host never loads TensorFlow.js. A cold load happens once per process, so the bench takes the median
// over fresh processes (`activationInFreshProcesses`).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { median } from './stats';
import { TFJS_CODE } from './tfjsCode';
import { fakeExtensionContext, installVscodeStub, vscodeApiNames, vscodeStub } from './vscodeStub';

export interface ActivationResult {
  extension_js_bytes: number;
  core_js_bytes: number;
  require_ms: number;
  activate_ms: number;
  total_ms: number;
  /** The first command after activation: extensionCore.js loaded and started, then Refresh Runs (no workspace). */
  first_use_ms: number;
  tfjs_in_bundle: boolean;
  tfjs_loaded: boolean;
}

/** The command the first use runs: cheap in itself, so its time is the core's. */
const FIRST_COMMAND = 'autoencoderLab.refreshRuns';

export function measureActivation(extensionJs: string, repoRoot: string): ActivationResult {
  const coreJs = join(dirname(extensionJs), 'extensionCore.js');
  const commands = new Map<string, () => unknown>();
  const stub = vscodeStub(vscodeApiNames(repoRoot));
  const api = stub.commands as Record<string, unknown>;
  stub.commands = new Proxy(api, { get: (t, k) => (k === 'registerCommand' ? (id: string, run: () => unknown) => (commands.set(id, run), { dispose: () => {} }) : t[k as string]) });
  installVscodeStub(stub);

  const t0 = performance.now();
  // Timing the bundle's own load is the point, so it is required at run time rather than imported.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(extensionJs) as { activate: (context: unknown) => void };
  const t1 = performance.now();
  const context = fakeExtensionContext(repoRoot);
  extension.activate(context);
  const t2 = performance.now();
  commands.get(FIRST_COMMAND)!();
  const t3 = performance.now();
  (context.subscriptions as { dispose?: () => void }[]).forEach((d) => d.dispose?.());

  return {
    extension_js_bytes: statSync(extensionJs).size,
    core_js_bytes: statSync(coreJs).size,
    require_ms: round1(t1 - t0),
    activate_ms: round1(t2 - t1),
    total_ms: round1(t2 - t0),
    first_use_ms: round1(t3 - t2),
    tfjs_in_bundle: [extensionJs, coreJs].some((file) => TFJS_CODE.test(readFileSync(file, 'utf8'))),
    tfjs_loaded: Object.keys(require.cache).some((file) => file.includes('@tensorflow')),
  };
}

/** `runs` fresh processes of this bench entry (`hostEntry.ts activation …`): the median of each time, and the range of the total. */
export function activationInFreshProcesses(extensionJs: string, repoRoot: string, runs: number): ActivationResult & { runs: number; total_ms_range: [number, number] } {
  const results = Array.from({ length: runs }, () => {
    const child = spawnSync(process.execPath, [process.argv[1], 'activation', extensionJs, repoRoot], { encoding: 'utf8' });
    const line = child.stdout.split('\n').find((l) => l.startsWith('BENCH '));
    if (!line) throw new Error(`activation child failed: ${child.stderr}`);
    return JSON.parse(line.slice(6)) as ActivationResult;
  });
  const mid = (key: 'require_ms' | 'activate_ms' | 'total_ms' | 'first_use_ms') => round1(median(results.map((r) => r[key])));
  const totals = results.map((r) => r.total_ms);
  return {
    ...results[0],
    require_ms: mid('require_ms'),
    activate_ms: mid('activate_ms'),
    total_ms: mid('total_ms'),
    first_use_ms: mid('first_use_ms'),
    tfjs_in_bundle: results.some((r) => r.tfjs_in_bundle),
    tfjs_loaded: results.some((r) => r.tfjs_loaded),
    runs,
    total_ms_range: [Math.min(...totals), Math.max(...totals)],
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
