// views/: the latest view data of a run (reconstructions, latent, errors, samples, generated), in the files
// protocol/viewPayloads.ts names, so a reloaded window or a finished run rebuilds the dashboard without retraining.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeTyped, encodeTyped } from '../protocol/dashboardMessages';
import { trainerToHostSchema } from '../protocol/trainerMessages';
import { VIEW_PAYLOADS, type ViewMessage, type ViewMessageType } from '../protocol/viewPayloads';
import { writeFileAtomic } from './atomicWrite';
import { runPath } from './layout';
import { readRunText } from './readJsonFile';

export function saveViewSnapshot(runDir: string, message: ViewMessage): void {
  const dir = runPath(runDir, 'views');
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, VIEW_PAYLOADS[message.type].snapshotFile), JSON.stringify(message, encodeTyped));
}

/** The saved view message, validated; undefined when the run has none (yet) or the file is not a valid one. */
export function readViewSnapshot<T extends ViewMessageType>(runDir: string, view: T): Extract<ViewMessage, { type: T }> | undefined {
  const file = runPath(runDir, 'views', VIEW_PAYLOADS[view].snapshotFile);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = trainerToHostSchema.safeParse(JSON.parse(readRunText(file), decodeTyped));
    return parsed.success && parsed.data.type === view ? (parsed.data as Extract<ViewMessage, { type: T }>) : undefined;
  } catch {
    return undefined;
  }
}
