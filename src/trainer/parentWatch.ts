// Notices that the host process is gone even when the IPC 'disconnect' event has not been processed yet (a busy
// event loop) — the trainer runs in its own process group, so nothing else would stop it when its host is SIGKILLed.
import { isProcessAlive, procStatFields } from '../runs/runLiveness';

/** The current parent pid: live from /proc on Linux (process.ppid is fixed at startup), else undefined. */
function currentParentPid(): number | undefined {
  const ppid = Number(procStatFields('self')?.[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** Returns a cheap check (at most one look every `minIntervalMs`) that turns true once the original parent died. */
export function watchParent(parentPid = process.ppid, minIntervalMs = 200): () => boolean {
  let gone = false;
  let lastLook = 0;
  return () => {
    if (gone) return true;
    const now = Date.now();
    if (now - lastLook < minIntervalMs) return false;
    lastLook = now;
    const current = currentParentPid();
    // A dead parent's children are re-parented at once (to init or a subreaper); a zombie parent still answers kill(0).
    gone = current !== undefined ? current !== parentPid : !isProcessAlive(parentPid);
    return gone;
  };
}
