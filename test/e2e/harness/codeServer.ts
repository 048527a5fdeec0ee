// Starts code-server (the real VS Code workbench and extension host) on a fresh port with a fresh user-data-dir,
// and stops it with every process it started (extension host, trainers) by killing its process group.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CODE_SERVER } from './paths';

export interface CodeServer {
  url: string;
  /** Everything code-server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  root: string;
  workspace: string;
  extensionsDir: string;
  settings?: Record<string, unknown>;
}

/** Quiet, offline, no startup editor, and the simple quick-input file dialog so a test can type a path. */
export const E2E_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'files.simpleDialog.enable': true,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'window.restoreWindows': 'none',
  'editor.codeLens': true,
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  if (!existsSync(CODE_SERVER)) throw new Error(`code-server is not installed: run "bash scripts/e2e/install-code-server.sh .e2e/code-server"`);
  const userDataDir = join(options.root, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...E2E_SETTINGS, ...options.settings }, null, 2));
  const port = await freePort();
  const args = ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'];
  args.push('--user-data-dir', userDataDir, '--extensions-dir', options.extensionsDir, '--config', join(options.root, 'config.yaml'), options.workspace);
  // detached: its own process group, so stop() reaches the extension host and trainer processes too.
  const child = spawn(CODE_SERVER, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('HTTP server listening on')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`code-server exited (${code}) before listening:\n${output}`)));
    setTimeout(() => reject(new Error(`code-server did not start in 60 s:\n${output}`)), 60_000).unref();
  });
  try {
    await ready;
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
  return { url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}`, output: () => output, stop: () => stopGroup(child) };
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (!child.pid || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // the group is gone already
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  // Trainers may outlive code-server by a moment; make sure none keeps running.
  signal('SIGKILL');
}
