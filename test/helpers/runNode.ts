// Runs a node script asynchronously. spawnSync would block the vitest worker, whose RPC then times out on long runs.
import { runProgram } from './runProgram';

export interface NodeResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runNode(args: string[], options: { cwd?: string; timeout?: number } = {}): Promise<NodeResult> {
  return runProgram(process.execPath, args, { cwd: options.cwd, timeout: options.timeout ?? 120_000 });
}
