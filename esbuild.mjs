// Builds the bundles (extension host, trainer child process, webview) plus the CLI, and copies the assets
// they need at run time into dist/: the wasm binaries, codicons, the bundled MNIST data and the experiment JSON Schema.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { extensionBundles, nodeBundle } from './scripts/extensionBundles.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const require = createRequire(import.meta.url);

const node = nodeBundle(production);
const builds = [
  extensionBundles(production),
  // tfjs-node is optional and native: resolved at run time, never bundled.
  { ...node, entryPoints: ['src/trainer/main.ts'], outfile: 'dist/trainer.js', external: ['@tensorflow/tfjs-node'] },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: ['@tensorflow/tfjs-node'] },
  // Replica threads the trainer starts for data-parallel training on wasm (src/trainer/parallel).
  { ...node, entryPoints: ['src/trainer/parallel/replicaWorker.ts'], outfile: 'dist/replicaWorker.js', external: ['@tensorflow/tfjs-node'] },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    entryPoints: { main: 'webview/src/main.ts' },
    outdir: 'dist/webview',
    loader: { '.css': 'css' },
  },
];

function copyAssets() {
  mkdirSync('dist/wasm', { recursive: true });
  const wasmDir = require.resolve('@tensorflow/tfjs-backend-wasm').replace(/dist[\\/].*$/, 'dist');
  for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) cpSync(`${wasmDir}/${file}`, `dist/wasm/${file}`);
  const codicons = require.resolve('@vscode/codicons/dist/codicon.css').replace(/codicon\.css$/, '');
  mkdirSync('dist/webview', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) cpSync(`${codicons}${file}`, `dist/webview/${file}`);
  execFileSync(process.execPath, ['scripts/build-mnist.mjs', 'dist/data'], { stdio: 'inherit' });
}

async function writeJsonSchema() {
  const out = 'dist/.schema-build.cjs';
  await esbuild.build({ ...node, sourcemap: false, entryPoints: ['scripts/experiment-json-schema.ts'], outfile: out });
  const { experimentJsonSchema } = require(`./${out}`);
  writeFileSync('dist/experiment.schema.json', `${JSON.stringify(experimentJsonSchema(), null, 2)}\n`);
  rmSync(out);
}

// One line per problem (file:line:column: severity: text) and, when watching, a line as each rebuild starts and ends:
// what the problem matchers in .vscode/tasks.json read.
const reportForTasks = {
  name: 'report-for-tasks',
  setup(build) {
    if (watch) build.onStart(() => console.log('[watch] build started'));
    build.onEnd(({ errors, warnings }) => {
      const problems = [...errors.map((p) => ['error', p]), ...warnings.map((p) => ['warning', p])];
      for (const [severity, { text, location }] of problems) if (location) console.log(`${location.file}:${location.line}:${location.column + 1}: ${severity}: ${text}`);
      if (watch) console.log('[watch] build finished');
    });
  },
};

copyAssets();
await writeJsonSchema();
if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context({ ...options, plugins: [reportForTasks] })));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('watching...');
} else {
  await Promise.all(builds.map((options) => esbuild.build({ ...options, plugins: [reportForTasks] })));
}
