// 10,000 random and malformed messages at the trainer's handler: nothing crashes, no job starts, nothing is written.
import { readdirSync } from 'node:fs';
import seedrandom from 'seedrandom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMessageHandler } from '../../../src/trainer/messageHandler';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { randomMessage } from '../../helpers/randomMessages';

describe('trainer message handler fuzz', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => process.on('unhandledRejection', onUnhandled));
  afterEach(() => process.off('unhandledRejection', onUnhandled));

  it('drops 10,000 malformed messages without crashing or starting a job', async () => {
    const cwd = tempWorkspace();
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      const random = seedrandom('fuzz');
      const jobs = { train: vi.fn(async () => undefined), embed: vi.fn(), infer: vi.fn(), apply: vi.fn(), evaluate: vi.fn() };
      const sent: unknown[] = [];
      let exits = 0;
      for (let i = 0; i < 10_000; i++) {
        // A fresh handler each time, as each message could be a new process's first.
        const handler = createMessageHandler({ send: (m) => sent.push(m), exit: () => exits++ }, jobs);
        expect(() => handler.onMessage(randomMessage(random))).not.toThrow();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(jobs.train).not.toHaveBeenCalled();
      expect(jobs.embed).not.toHaveBeenCalled();
      expect(jobs.infer).not.toHaveBeenCalled();
      expect(jobs.apply).not.toHaveBeenCalled();
      expect(jobs.evaluate).not.toHaveBeenCalled();
      expect(exits).toBe(10_000);
      expect(sent.filter((m) => (m as { type: string }).type === 'done')).toHaveLength(10_000);
      expect(readdirSync(cwd)).toEqual([]);
      expect(unhandled).toEqual([]);
    } finally {
      process.chdir(previous);
    }
  });

  it('still accepts a valid start after junk, and ignores a second start', () => {
    const jobs = { train: vi.fn(async () => undefined), embed: vi.fn(), infer: vi.fn(), apply: vi.fn(), evaluate: vi.fn() };
    const sent: { type: string; message?: string }[] = [];
    const handler = createMessageHandler({ send: (m) => sent.push(m as never), exit: () => undefined }, jobs);
    handler.onMessage({ type: 'start', experimentFile: 'a.ae.json', runsDir: 'runs' });
    handler.onMessage({ type: 'start', experimentFile: 'b.ae.json', runsDir: 'runs' });
    handler.onMessage({ type: 'stop', extra: { __proto__: { polluted: true } } });
    expect(jobs.train).toHaveBeenCalledTimes(1);
    expect(sent.some((m) => m.message?.includes('already training'))).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
