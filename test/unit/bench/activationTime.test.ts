// The bench's activation measurement runs on the production build the .vsix ships, which is minified: the stand-in
// 'vscode' module must still answer every name, activation must register, and the first command must start the core.
// No timing checks.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { measureActivation } from '../../../scripts/bench/activationTime';
import { extensionBundles } from '../../../scripts/extensionBundles.mjs';
import { tempWorkspace } from '../../helpers/experimentFiles';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const outdir = tempWorkspace('aelab-bench-extension-');
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

it('activates the minified production build and starts its core at the first command, without TensorFlow.js', async () => {
  await esbuild.build({ ...extensionBundles(true, outdir), absWorkingDir: REPO_ROOT, logLevel: 'error' });
  const result = measureActivation(join(outdir, 'extension.js'), REPO_ROOT);
  expect(result.extension_js_bytes).toBeLessThan(result.core_js_bytes / 50);
  expect(result.total_ms).toBeGreaterThan(0);
  expect(result.first_use_ms).toBeGreaterThan(0);
  expect(result).toMatchObject({ tfjs_in_bundle: false, tfjs_loaded: false });
}, 60_000);
