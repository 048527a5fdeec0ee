// Recorded trainer messages (scripts/record-webview-fixture.mjs), decoded and validated like the host validates IPC.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeTyped } from '../../../src/protocol/dashboardMessages';
import { trainerToHostSchema, type TrainerMessageOf, type TrainerToHost } from '../../../src/protocol/trainerMessages';
import { ROOT } from './buildWebview';

export const FIXTURES = join(ROOT, 'test/fixtures/webview');
export const FIXTURE_RUNS = join(FIXTURES, 'runs');

export type FixtureName = 'deep-mnist' | 'deep-mnist-small' | 'vae-mnist' | 'denoising-mnist' | 'table-signals' | 'recon-history-mnist' | 'series-weather' | 'wae-mmd-mnist' | 'aae-mnist' | 'cvae-mnist' | 'vq-vae-mnist' | 'audio-alsa';

export interface Fixture {
  experiment: Record<string, unknown>;
  messages: TrainerToHost[];
}

const cache = new Map<FixtureName, Fixture>();

export function loadFixture(name: FixtureName): Fixture {
  const cached = cache.get(name);
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(join(FIXTURES, `${name}.messages.json`), 'utf8'), decodeTyped) as { experiment: Record<string, unknown>; messages: unknown[] };
  const messages = raw.messages.map((message, i) => {
    const parsed = trainerToHostSchema.safeParse(message);
    if (!parsed.success) throw new Error(`${name} message ${i} is not a valid trainer message: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
  const fixture = { experiment: raw.experiment, messages };
  cache.set(name, fixture);
  return fixture;
}

export function lastMessage<T extends TrainerToHost['type']>(fixture: Fixture, type: T): TrainerMessageOf<T> {
  const found = fixture.messages.filter((m): m is TrainerMessageOf<T> => m.type === type).at(-1);
  if (!found) throw new Error(`the fixture has no ${type} message`);
  return found;
}

/** The messages up to and including the n-th message of `type` (1-based). */
export function messagesUntil(fixture: Fixture, type: TrainerToHost['type'], n = 1): TrainerToHost[] {
  let seen = 0;
  const end = fixture.messages.findIndex((m) => m.type === type && ++seen === n);
  return fixture.messages.slice(0, end + 1);
}

/** The run folder (under FIXTURE_RUNS) recorded together with a fixture. */
export function fixtureRunId(name: FixtureName): string {
  return (JSON.parse(readFileSync(join(FIXTURE_RUNS, 'fixtures.json'), 'utf8')) as Record<FixtureName, string>)[name];
}
