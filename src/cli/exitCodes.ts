// The CLI's exit codes, one place for all commands (the README's CLI section lists them).

/** The signals that stop a training run gracefully: Ctrl+C, `kill`/`timeout`, a closed terminal. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

export const EXIT = {
  ok: 0,
  failed: 1,
  badInput: 2,
  /** Stopped for another reason than a signal to the CLI (e.g. the trainer itself was sent one). */
  stopped: 130,
  /** 128 + the signal number, as shells report a process ended by that signal. */
  signalled: { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } satisfies Record<StopSignal, number>,
} as const;
