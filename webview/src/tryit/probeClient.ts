// Try it requests to the host as promises, like decoder.ts: the host answers each with one PROBED message.
import type { HostToWebview, ProbeResult } from '../../../src/protocol/dashboardMessages';
import { postToHost } from '../vscode';

type ProbedMessage = Extract<HostToWebview, { type: 'PROBED' }>;
/** What the view shows for one request: a result, an error, or nothing (the user cancelled the file dialog). */
export type ProbeAnswer = { result: ProbeResult; source: string } | { error: string } | { cancelled: true };

const pending = new Map<number, (answer: ProbeAnswer) => void>();
let nextRequestId = 1;

/** The host shows its open dialog and probes the file the user picks; the webview never names a path. */
export function probePickedFile(): Promise<ProbeAnswer> {
  return request((requestId) => postToHost({ type: 'PROBE_FILE', requestId }));
}

/** Drawn pixels, row-major in the run's sample shape, values in [0, 1]. */
export function probePixels(pixels: Float32Array, shape: number[]): Promise<ProbeAnswer> {
  // A plain array: a few thousand numbers survive any webview transport unchanged.
  return request((requestId) => postToHost({ type: 'PROBE_PIXELS', requestId, pixels: Array.from(pixels), shape }));
}

export function resolveProbed(message: ProbedMessage): void {
  const settle = pending.get(message.requestId);
  pending.delete(message.requestId);
  if (!settle) return;
  if (message.result) settle({ result: message.result, source: message.source ?? '' });
  else if (message.cancelled) settle({ cancelled: true });
  else settle({ error: message.error ?? 'The probe failed.' });
}

function request(send: (requestId: number) => void): Promise<ProbeAnswer> {
  const requestId = nextRequestId++;
  // No timeout: a file dialog may stay open as long as the user likes; the host always answers.
  return new Promise((resolve) => {
    pending.set(requestId, resolve);
    send(requestId);
  });
}
