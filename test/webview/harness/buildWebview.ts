// Builds the webview bundle exactly as esbuild.mjs does (IIFE + extracted CSS into dist/webview), so a test run
// never exercises a stale bundle. Codicons are copied as the build copies them.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

export const ROOT = resolve(__dirname, '../../..');
export const WEBVIEW_DIST = join(ROOT, 'dist/webview');

let built: Promise<void> | undefined;

export function buildWebview(): Promise<void> {
  built ??= (async () => {
    mkdirSync(WEBVIEW_DIST, { recursive: true });
    const codicons = createRequire(join(ROOT, 'package.json')).resolve('@vscode/codicons/dist/codicon.css').replace(/codicon\.css$/, '');
    for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(join(codicons, file), join(WEBVIEW_DIST, file));
    await esbuild.build({
      absWorkingDir: ROOT,
      bundle: true,
      platform: 'browser',
      target: 'es2022',
      format: 'iife',
      sourcemap: true,
      entryPoints: { main: 'webview/src/main.ts' },
      outdir: WEBVIEW_DIST,
      loader: { '.css': 'css' },
      logLevel: 'warning',
    });
  })();
  return built;
}
