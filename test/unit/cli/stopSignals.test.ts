// The CLI listens for stop signals before it forks the trainer; a signal in between must still reach the trainer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleStopSignals, type StopSignals } from '../../../src/cli/stopSignals';

const words = { stopping: 'stopping', killing: 'killing' };
let signals: StopSignals | undefined;

afterEach(() => {
  signals?.dispose();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function target() {
  return { stop: vi.fn(), kill: vi.fn() };
}

describe('handleStopSignals', () => {
  it('passes a stop that arrived before the trainer existed on to it when attached', () => {
    vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    signals = handleStopSignals(words);
    process.emit('SIGINT', 'SIGINT');
    const trainer = target();
    signals.attach(trainer);
    expect(trainer.stop).toHaveBeenCalledTimes(1);
    expect(trainer.kill).not.toHaveBeenCalled();
    expect(signals.received()).toBe('SIGINT');
  });

  it('passes on a kill too when a second signal came before the attach', () => {
    vi.useFakeTimers();
    vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    signals = handleStopSignals(words);
    process.emit('SIGTERM', 'SIGTERM');
    vi.advanceTimersByTime(600);
    process.emit('SIGTERM', 'SIGTERM');
    const trainer = target();
    signals.attach(trainer);
    expect(trainer.kill).toHaveBeenCalledTimes(1);
    expect(signals.killed()).toBe(true);
  });

  it('treats copies of one signal closer than half a second as one request', () => {
    vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    signals = handleStopSignals(words);
    const trainer = target();
    signals.attach(trainer);
    process.emit('SIGHUP', 'SIGHUP');
    process.emit('SIGHUP', 'SIGHUP');
    expect(trainer.stop).toHaveBeenCalledTimes(1);
    expect(trainer.kill).not.toHaveBeenCalled();
    expect(signals.received()).toBe('SIGHUP');
  });
});
