// Keeps summary.json's owner heartbeat fresh while a run trains, so readers can tell a live run from a stranded one.
import { HEARTBEAT_INTERVAL_MS } from '../runs/runLiveness';

export interface Heartbeat {
  stop(): void;
}

/** Calls `beat` every interval; a beat that throws (e.g. a full disk) is handed to `onError` and ends the heartbeat. */
export function startHeartbeat(beat: () => void, onError: (error: unknown) => void, intervalMs = HEARTBEAT_INTERVAL_MS): Heartbeat {
  const timer = setInterval(() => {
    try {
      beat();
    } catch (error) {
      clearInterval(timer);
      onError(error);
    }
  }, intervalMs);
  // The heartbeat alone must never keep the trainer process alive.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
