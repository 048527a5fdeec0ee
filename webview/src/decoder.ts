// Decode requests to the host as promises. Only the answer to the newest request of a caller matters, so callers
// compare the promise they hold; stale answers are simply ignored.
import type { HostToWebview } from '../../src/protocol/dashboardMessages';
import { postToHost } from './vscode';

type Decoded = Extract<HostToWebview, { type: 'DECODED' }>;

const pending = new Map<number, { resolve: (images: Float32Array[]) => void; reject: (error: Error) => void }>();
let nextRequestId = 1;

/** `labels`: one class per code, for conditional runs (the by-label Generate variant). */
export function decodeCodes(codes: Float32Array, count: number, labels?: number[], timeoutMs = 60_000): Promise<Float32Array[]> {
  const requestId = nextRequestId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(requestId);
      reject(new Error('The decoder did not answer in time.'));
    }, timeoutMs);
    const settle = <T>(fn: (value: T) => void) => (value: T) => {
      clearTimeout(timer);
      pending.delete(requestId);
      fn(value);
    };
    pending.set(requestId, { resolve: settle(resolve), reject: settle(reject) });
    // A plain array: at most a few thousand numbers, and it survives any webview transport unchanged.
    postToHost({ type: 'DECODE', requestId, codes: Array.from(codes), count, ...(labels ? { labels } : {}) });
  });
}

export function resolveDecoded(message: Decoded): void {
  const waiting = pending.get(message.requestId);
  if (!waiting) return;
  if (message.images) waiting.resolve(message.images);
  else waiting.reject(new Error(message.error ?? 'Decoding failed.'));
}
