// A stop asked for during an evaluation (Ctrl+C on `aelab eval`, a stop at the end of training) ends it between
// batches: nothing is written and the run stays as it is.
export class EvaluationStopped extends Error {
  constructor() {
    super('the evaluation was stopped');
  }
}

export type StopCheck = () => Promise<void>;

/** Yields once (so a stop message can arrive) and throws EvaluationStopped if a stop was asked for. */
export async function checkStop(shouldStop: (() => boolean) | undefined): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (shouldStop?.()) throw new EvaluationStopped();
}
