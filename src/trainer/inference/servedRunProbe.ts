// The Try it probes of a served run: its encoder, decoder and search codes are loaded on the first probe (the
// Generate views, which only decode, never pay for them) and kept for the next ones.
import type * as tf from '@tensorflow/tfjs';
import { resolve } from 'node:path';
import type { Probed, ProbeMessage } from '../../protocol/applyMessages';
import { isInputError } from '../../protocol/errors';
import { readSearchCodes, type SearchCodes } from '../../runs/searchCodes';
import { loadRun, type LoadedRun } from '../apply/loadRun';
import { probeSample } from '../apply/probeSample';

let loaded: { runDir: string; run: Promise<LoadedRun>; search?: SearchCodes | null } | undefined;

/** `servedDecoder`: the decoder the 'serve' message already loaded, shared rather than loaded a second time. */
export async function servedRunProbe(servedRunDir: string | undefined, message: Required<Pick<ProbeMessage, 'k'>> & ProbeMessage, servedDecoder?: tf.LayersModel): Promise<Probed> {
  const requestId = message.requestId;
  if (!servedRunDir) return { type: 'probed', requestId, error: 'this trainer serves no run: start it with a "serve" message for the run first' };
  if (resolve(message.runDir) !== resolve(servedRunDir)) return { type: 'probed', requestId, error: `this trainer serves ${servedRunDir}, not ${message.runDir}` };
  if (!loaded || loaded.runDir !== servedRunDir) loaded = { runDir: servedRunDir, run: loadRun(resolve(servedRunDir), servedDecoder) };
  const session = loaded;
  try {
    const run = await session.run;
    // A run without saved codes still answers with its reconstruction and score, just without neighbours.
    const search = () => (session.search === undefined ? (session.search = readSearchOrNull(run.runDir)) : session.search) ?? undefined;
    return probeSample(run, search, message);
  } catch (error) {
    if (isInputError(error)) return { type: 'probed', requestId, error: error.message };
    return { type: 'probed', requestId, error: `the probe failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function readSearchOrNull(runDir: string): SearchCodes | null {
  try {
    return readSearchCodes(runDir);
  } catch {
    return null;
  }
}
