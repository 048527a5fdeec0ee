// The trainer's handler accepts an 'evaluate' message as one job: a stop reaches it through shouldStop (it answers that
// it stopped) instead of ending the process at once, and the process ends after its answer.
import { describe, expect, it, vi } from 'vitest';
import { createMessageHandler } from '../../../src/trainer/messageHandler';

describe("the trainer's evaluate job", () => {
  it('gets the message, sees a stop through shouldStop, and the process ends after its answer', async () => {
    let finish: (answer: never) => void = () => {};
    let shouldStop: () => boolean = () => false;
    const evaluate = vi.fn((_message, _send, stop: () => boolean) => {
      shouldStop = stop;
      return new Promise<never>((resolve) => (finish = resolve));
    });
    const exit = vi.fn();
    const sent: { type: string }[] = [];
    const handler = createMessageHandler({ send: (m) => sent.push(m), exit }, { train: vi.fn(), embed: vi.fn(), infer: vi.fn(), apply: vi.fn(), evaluate });
    handler.onMessage({ type: 'evaluate', runDir: 'run', input: 'digits', nllSamples: 7 });
    expect(evaluate).toHaveBeenCalledWith(expect.objectContaining({ type: 'evaluate', runDir: 'run', input: 'digits', nllSamples: 7 }), expect.any(Function), expect.any(Function));
    handler.onMessage({ type: 'start', experimentFile: 'a.ae.json', runsDir: 'runs' });
    expect(sent.at(-1)).toMatchObject({ type: 'log', message: 'trainer ignored "start": it is already evaluating' });
    handler.onMessage({ type: 'stop' });
    expect(shouldStop()).toBe(true);
    expect(exit).not.toHaveBeenCalled();
    const answer = { type: 'evaluated', evaluation: null, out: null, error: 'stopped; nothing was written', reason: 'stopped' };
    finish(answer as never);
    await vi.waitFor(() => expect(exit).toHaveBeenCalled());
    expect(sent.at(-1)).toEqual(answer);
  });

  it('refuses an evaluate message with bad fields, naming the field', () => {
    const sent: { type: string; message?: string }[] = [];
    const evaluate = vi.fn();
    const handler = createMessageHandler({ send: (m) => sent.push(m as never), exit: vi.fn() }, { train: vi.fn(), embed: vi.fn(), infer: vi.fn(), apply: vi.fn(), evaluate });
    handler.onMessage({ type: 'evaluate', runDir: 'run', nllSamples: 0 });
    expect(evaluate).not.toHaveBeenCalled();
    expect(sent[0].message).toMatch(/nllSamples/);
  });
});
