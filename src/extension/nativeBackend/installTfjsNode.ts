// Installs @tensorflow/tfjs-node into a folder of its own with npm, then checks that it loads. Its install script
// downloads libtensorflow, so this needs a network that reaches Google's storage; when it cannot, the caller reports
// why and training stays on wasm.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TFJS_NODE_VERSION } from './nativeBackendFolder';

export interface InstallOptions {
  dir: string;
  /** The npm executable; `npm` on PATH by default. */
  npm?: string;
  /** Node to run the load check with (in VS Code: its Electron binary in node mode). */
  node?: string;
  onOutput?: (line: string) => void;
  signal?: AbortSignal;
}

export type InstallResult = { ok: true } | { ok: false; reason: string };

/** The line that says what went wrong: the first error line if there is one (node ends with its version), else the last. */
function telling(lines: string[]): string {
  return lines.find((line) => /\b\w*Error\b|ERR!/.test(line)) ?? lines.at(-1) ?? 'no output';
}

function run(command: string, args: string[], options: InstallOptions, env: NodeJS.ProcessEnv): Promise<{ code: number | null; message: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: options.dir, env, signal: options.signal, shell: process.platform === 'win32' && command.endsWith('.cmd') });
    const lines: string[] = [];
    const collect = (chunk: Buffer) =>
      String(chunk)
        .split(/\r?\n/)
        .filter((line) => line.trim())
        .forEach((line) => {
          lines.push(line.trim());
          options.onOutput?.(line);
        });
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => done({ code: null, message: error.message }));
    child.on('close', (code) => done({ code, message: telling(lines) }));
  });
}

export async function installTfjsNode(options: InstallOptions): Promise<InstallResult> {
  mkdirSync(options.dir, { recursive: true });
  // npm 11 runs a dependency's install script only when the project allows it; tfjs-node's fetches libtensorflow.
  const manifest = { name: 'aelab-tfjs-node', private: true, allowScripts: { '@tensorflow/tfjs-node': true } };
  writeFileSync(join(options.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const npm = options.npm ?? (process.platform === 'win32' ? 'npm.cmd' : 'npm');
  const env = { ...process.env, npm_config_unsafe_perm: 'true' };
  const install = await run(npm, ['install', '--no-audit', '--no-fund', `@tensorflow/tfjs-node@${TFJS_NODE_VERSION}`], options, env);
  if (install.code !== 0) return { ok: false, reason: `npm install failed${install.code === null ? '' : ` (exit ${install.code})`}: ${install.message}` };
  const loads = await run(options.node ?? process.execPath, ['-e', "require('@tensorflow/tfjs-node')"], options, { ...process.env, ELECTRON_RUN_AS_NODE: '1' });
  if (loads.code !== 0) return { ok: false, reason: `tfjs-node installed but does not load: ${loads.message}` };
  return { ok: true };
}
