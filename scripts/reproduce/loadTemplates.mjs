// Loads src/templates/templates.ts (type-only imports) by bundling it in memory with esbuild.
import { build } from 'esbuild';

export async function loadTemplates() {
  const result = await build({ entryPoints: ['src/templates/templates.ts'], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'error' });
  const code = result.outputFiles[0].text;
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return module.TEMPLATES;
}
