// The Try it view's probes: a file the user picks in the host's open dialog, or pixels drawn in the webview. The
// webview never names a path; drawn pixels must fit the shown run's sample shape. Every failure becomes a PROBED
// reply with an error the view shows.
import { basename } from 'node:path';
import type { ProbeMessage } from '../../protocol/applyMessages';
import { canDrawSamples, type ParsedWebviewMessage } from '../../protocol/dashboardMessages';
import type { WebviewMessageDeps } from './handleWebviewMessage';

export type ProbeSample = ProbeMessage['sample'];

export async function probeFile(requestId: number, deps: WebviewMessageDeps): Promise<void> {
  const unavailable = whyUnavailable(deps);
  if (unavailable) return deps.reply({ type: 'PROBED', requestId, error: unavailable });
  const path = await deps.showOpenDialog();
  if (!path) return deps.reply({ type: 'PROBED', requestId, cancelled: true });
  await probe(requestId, { kind: 'file', path }, basename(path), deps);
}

export async function probePixels(message: Extract<ParsedWebviewMessage, { type: 'PROBE_PIXELS' }>, deps: WebviewMessageDeps): Promise<void> {
  const { requestId, pixels, shape } = message;
  const unavailable = whyUnavailable(deps);
  if (unavailable) return deps.reply({ type: 'PROBED', requestId, error: unavailable });
  const problem = drawnPixelsProblem(pixels, shape, deps.data().run?.sampleShape ?? []);
  if (problem) {
    deps.warn(`dropped a drawn probe: ${problem}`);
    return deps.reply({ type: 'PROBED', requestId, error: `The drawing does not fit this run: ${problem}.` });
  }
  await probe(requestId, { kind: 'pixels', values: pixels, shape }, 'drawing', deps);
}

/** Why drawn pixels cannot be probed, or undefined: their count must be the shape's, and the shape the run's. */
export function drawnPixelsProblem(pixels: Float32Array, shape: readonly number[], runShape: readonly number[]): string | undefined {
  const size = shape.reduce((a, b) => a * b, 1);
  if (pixels.length !== size) return `${pixels.length} values do not fill a ${shape.join('×')} image (${size} values)`;
  if (!pixels.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)) return 'values must be finite and within [0, 1]';
  if (!canDrawSamples(runShape)) return `the run's samples (${runShape.join('×') || 'unknown'}) are not a small grayscale image`;
  if (shape.join('×') !== runShape.join('×')) return `the drawing is ${shape.join('×')} but the run expects ${runShape.join('×')}`;
  return undefined;
}

function whyUnavailable(deps: WebviewMessageDeps): string | undefined {
  const run = deps.data().run;
  if (!run) return 'No run is shown.';
  if (run.status === 'running') return 'Try it uses the saved model: it is available when the run ends.';
  if (!deps.probe) return 'Try it needs a trainer process, which this window cannot start.';
  return undefined;
}

async function probe(requestId: number, sample: ProbeSample, source: string, deps: WebviewMessageDeps): Promise<void> {
  try {
    const { type: _type, requestId: _id, error, ...result } = await deps.probe!(sample);
    deps.reply(error ? { type: 'PROBED', requestId, source, error } : { type: 'PROBED', requestId, source, result });
  } catch (error) {
    deps.reply({ type: 'PROBED', requestId, source, error: error instanceof Error ? error.message : String(error) });
  }
}
