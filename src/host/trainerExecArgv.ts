// Makes the trainer child debuggable: with AELAB_TRAINER_INSPECT=<port> in its environment (inherited from the extension
// host or the CLI that forks it), the trainer listens for a debugger on 127.0.0.1:<port> (launch.json's "Attach to
// Trainer"). Without it the fork keeps Node's default, the parent's execArgv.

export const TRAINER_INSPECT_ENV = 'AELAB_TRAINER_INSPECT';

/** execArgv for fork(): undefined means Node's default. Throws on a value that is not a port number. */
export function trainerExecArgv(env: NodeJS.ProcessEnv = process.env, parentExecArgv: readonly string[] = process.execArgv): string[] | undefined {
  const value = env[TRAINER_INSPECT_ENV]?.trim();
  if (!value) return undefined;
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new Error(`${TRAINER_INSPECT_ENV} must be a port number from 1 to 65535 for the trainer's debugger, got "${value}"`);
  // The parent may itself be under a debugger (F5): its --inspect flags would make the child fight for the same port.
  const kept = parentExecArgv.filter((arg) => !/^--inspect(-brk|-port|-publish-uid)?(=|$)/.test(arg));
  return [...kept, `--inspect=127.0.0.1:${port}`];
}
