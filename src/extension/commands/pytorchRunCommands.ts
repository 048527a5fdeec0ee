// The shell commands that continue a run with its exported PyTorch script: one process, or torchrun on this machine's
// processes (the same script runs unchanged under both). Pure, so the quoting is tested without VS Code.
import { isAbsolute, relative } from 'node:path';

/** Single-quotes a word for POSIX shells unless it is plainly safe (quotes inside are closed, escaped and reopened). */
function shellWord(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `path` as typed from `cwd`: relative when inside it, so the command reads naturally in the workspace's terminal. */
function fromCwd(path: string, cwd: string | undefined): string {
  if (!cwd) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

export function pytorchRunCommands(script: string, runDir: string, cwd?: string): { python: string; torchrun: string } {
  const args = `${shellWord(fromCwd(script, cwd))} --init-from ${shellWord(fromCwd(runDir, cwd))}`;
  return { python: `python3 ${args}`, torchrun: `torchrun --nproc_per_node 2 ${args}` };
}
