// esbuild options shared by esbuild.mjs and the bench (scripts/bench.mjs), which measures activation on the production
// build of the extension-host bundles in a folder of its own.

// mainFields: jsonc-parser's UMD build does dynamic requires that esbuild cannot follow; its ESM build is clean.
export const nodeBundle = (production) => ({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], sourcemap: !production, minify: production, logLevel: 'warning' });

/**
 * The extension host's two bundles: extension.js, what activation loads, and extensionCore.js, the code behind what it
 * registers, which extension.js requires from its own folder at first use.
 */
export const extensionBundles = (production, outdir = 'dist') => ({
  ...nodeBundle(production),
  entryPoints: { extension: 'src/extension/extension.ts', extensionCore: 'src/extension/extensionCore.ts' },
  outdir,
  external: ['vscode'],
});
