// Types of extensionBundles.mjs for the TypeScript tests.
import type { BuildOptions } from 'esbuild';
export function nodeBundle(production: boolean): BuildOptions;
export function extensionBundles(production: boolean, outdir?: string): BuildOptions;
