// `node scripts/profile-step.mjs [template] [rows]`: where one training step's time goes on wasm, one thread
// (scripts/bench/profileStep.ts), for choosing the next lever before measuring it A/B.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { nodeBundle } from './extensionBundles.mjs';

const root = resolve(import.meta.dirname, '..');
const outfile = 'dist/.profile-step.cjs'; // in dist/, next to wasm/ and data/, which the bundled code finds
await esbuild.build({ ...nodeBundle(false), entryPoints: ['scripts/bench/profileStep.ts'], outfile, external: ['@tensorflow/tfjs-node'], absWorkingDir: root });
execFileSync(process.execPath, [resolve(root, outfile), ...process.argv.slice(2)], { stdio: 'inherit' });
