// Loads src/templates/templates.ts (type-only imports) by bundling it in memory with esbuild, and marks each template
// with whether it needs image data, as the kinds table (src/protocol/kinds.ts) decides.
import { build } from 'esbuild';

const ENTRY = `export { TEMPLATES } from './src/templates/templates';
export { needsImages } from './src/protocol/kinds';`;

export async function loadTemplates() {
  const result = await build({ stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'error' });
  const code = result.outputFiles[0].text;
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return module.TEMPLATES.map((template) => {
    const { kind, model } = template.experiment('plan');
    return { ...template, needsImages: module.needsImages(kind, model) };
  });
}
