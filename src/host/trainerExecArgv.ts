// Makes the trainer child debuggable: with AELAB_TRAINER_INSPECT=<port> in its environment (inherited from the extension
// host or the CLI that forks it), the trainer listens for a debugger on 127.0.0.1:<port> (launch.json's "Attach to
// Trainer"). Without it the fork keeps Node's default, the parent's execArgv.

export const TRAINER_INSPECT_ENV = 'AELAB_TRAINER_INSPECT';

const warnOnStderr = (message: string): void => {
  process.stderr.write(`aelab: ${message}\n`);
};

/**
 * execArgv for fork(); undefined means Node's default. A value that is not a port is reported through `warn` and
 * ignored: debugging is optional, the run is not (and Node itself would take "abc" for a host name and go on silently).
 */
export function trainerExecArgv(env: NodeJS.ProcessEnv = process.env, parentExecArgv: readonly string[] = process.execArgv, warn: (message: string) => void = warnOnStderr): string[] | undefined {
  const value = env[TRAINER_INSPECT_ENV]?.trim();
  if (!value) return undefined;
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    warn(`${TRAINER_INSPECT_ENV} must be a port number from 1 to 65535 for the trainer's debugger, got "${value}"; the trainer runs without one`);
    return undefined;
  }
  // The parent may itself be under a debugger (F5): its --inspect flags would make the child fight for the same port.
  const kept = parentExecArgv.filter((arg) => !/^--inspect(-brk|-port|-publish-uid)?(=|$)/.test(arg));
  return [...kept, `--inspect=127.0.0.1:${port}`];
}
