// Loads src/templates/templates.ts (type-only imports) by bundling it in memory with esbuild, and marks each template
// with whether it needs image data, as the kinds table (src/protocol/kinds.ts) decides.
import { build } from 'esbuild';

const ENTRY = `export { TEMPLATES } from './src/templates/templates';
export { needsImages } from './src/protocol/kinds';`;

/** Imports TypeScript source (an entry module's text, paths relative to the repository) from this script. */
export async function importTypeScript(entry) {
  const result = await build({ stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'error' });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

export async function loadTemplates() {
  const module = await importTypeScript(ENTRY);
  return module.TEMPLATES.map((template) => {
    const { kind, model } = template.experiment('plan');
    return { ...template, needsImages: module.needsImages(kind, model) };
  });
}
