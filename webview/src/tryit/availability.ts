// Whether the Try it view can probe the shown run, and whether it offers drawing.
import { canDrawSamples, type RunInfo } from '../../../src/protocol/dashboardMessages';

export type Availability = { ok: true; canDraw: boolean } | { ok: false; reason: string };

export function tryItAvailability(run: RunInfo | null): Availability {
  if (!run) return { ok: false, reason: 'Open a run to try its model on a file.' };
  // The served trainer loads the saved model, which a training run writes at its end.
  if (run.status === 'running') return { ok: false, reason: 'Try it is available when the run ends: it uses the saved model.' };
  return { ok: true, canDraw: canDrawSamples(run.sampleShape) };
}
