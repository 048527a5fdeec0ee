// Event-loop delay of a host process (what the extension host does): a TrainerProcess runs a real trainer and
// receives its stream of batch/epoch/view messages, while perf_hooks samples this process's event loop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { TrainerProcess } from '../../src/host/trainerProcess';

/** 1 ms sampling; the histogram counts whole intervals, so an idle loop reads about 1 ms. */
const RESOLUTION_MS = 1;

export interface EventLoopResult {
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  messages: number;
  seconds: number;
  status: string;
}

export async function measureHostEventLoop(trainerJs: string, experimentFile: string, epochs: number): Promise<EventLoopResult> {
  const runsDir = mkdtempSync(join(tmpdir(), 'aelab-bench-runs-'));
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  let messages = 0;
  const started = performance.now();
  histogram.enable();
  try {
    const trainer = new TrainerProcess({ type: 'start', experimentFile, runsDir, overrides: { epochs } }, { trainerScript: trainerJs, onMessage: () => messages++ });
    const exit = await trainer.exited;
    histogram.disable();
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    return { p50_ms: ms(histogram.percentile(50)), p99_ms: ms(histogram.percentile(99)), max_ms: ms(histogram.max), messages, seconds: Math.round((performance.now() - started) / 100) / 10, status: exit.summary?.status ?? `failed: ${exit.error}` };
  } finally {
    rmSync(runsDir, { recursive: true, force: true });
  }
}
