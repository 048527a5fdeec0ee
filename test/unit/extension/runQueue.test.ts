// The run queue: first in, first out; no request waits twice; nothing starts into the active run's folder.
import { describe, expect, it } from 'vitest';
import { RunQueue, runTarget, sameTarget } from '../../../src/extension/training/runQueue';

describe('RunQueue', () => {
  it('hands requests out in order', () => {
    const queue = new RunQueue();
    expect(queue.enqueue({ experimentFile: '/w/a.ae.json' })).toBe(true);
    expect(queue.enqueue({ experimentFile: '/w/b.ae.json' })).toBe(true);
    expect(queue.size).toBe(2);
    expect(queue.next()?.experimentFile).toBe('/w/a.ae.json');
    expect(queue.next()?.experimentFile).toBe('/w/b.ae.json');
    expect(queue.next()).toBeUndefined();
  });

  it('refuses a second request with the same target, however the path is spelled', () => {
    const queue = new RunQueue();
    expect(queue.enqueue({ experimentFile: '/w/a.ae.json' })).toBe(true);
    expect(queue.enqueue({ experimentFile: '/w/x/../a.ae.json' })).toBe(false);
    expect(queue.enqueue({ experimentFile: '/w/runs/r1/experiment.json', resumeRunDir: '/w/runs/r1' })).toBe(true);
    expect(queue.enqueue({ experimentFile: '/w/a.ae.json', resumeRunDir: '/w/runs/r1/' })).toBe(false);
    expect(queue.size).toBe(2);
  });

  it('skips a request that would resume the folder the active run writes to', () => {
    const queue = new RunQueue();
    queue.enqueue({ experimentFile: '/w/runs/r1/experiment.json', resumeRunDir: '/w/runs/r1' });
    queue.enqueue({ experimentFile: '/w/b.ae.json' });
    const active = { experimentFile: '/w/runs/r1/experiment.json', resumeRunDir: '/w/runs/r1' };
    expect(queue.next(active)?.experimentFile).toBe('/w/b.ae.json');
    expect(queue.next(active)).toBeUndefined();
    expect(queue.next()?.resumeRunDir).toBe('/w/runs/r1');
  });

  it('tells a resumed run apart from a new run of the same experiment', () => {
    const fresh = { experimentFile: '/w/a.ae.json' };
    const resumed = { experimentFile: '/w/a.ae.json', resumeRunDir: '/w/runs/a-1' };
    expect(sameTarget(fresh, resumed)).toBe(false);
    expect(runTarget(resumed)).toBe('resume:/w/runs/a-1');
  });

  it('clears everything that waits', () => {
    const queue = new RunQueue();
    queue.enqueue({ experimentFile: '/w/a.ae.json' });
    queue.enqueue({ experimentFile: '/w/b.ae.json' });
    expect(queue.clear()).toHaveLength(2);
    expect(queue.size).toBe(0);
  });
});
