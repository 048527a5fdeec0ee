// Peak resident memory of a real trainer process (all its threads) training on a large dataset, read from
// /proc/<pid>/status while it runs (Linux).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrainerProcess } from '../../src/host/trainerProcess';
import type { TrainerToHost } from '../../src/protocol/trainerMessages';

export interface MemoryResult {
  peak_rss_mb: number;
  final_rss_mb: number;
  train_samples: number;
  epochs: number;
  samples_per_second: number[];
  status: string;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export async function measureTrainerMemory(trainerJs: string, experiment: object, epochs: number): Promise<MemoryResult> {
  const dir = mkdtempSync(join(tmpdir(), 'aelab-bench-memory-'));
  const experimentFile = join(dir, 'memory.ae.json');
  writeFileSync(experimentFile, JSON.stringify(experiment));
  let peakKb = 0;
  let lastKb = 0;
  let trainSamples = 0;
  const speeds: number[] = [];
  const onMessage = (message: TrainerToHost) => {
    if (message.type === 'started') trainSamples = message.trainSamples;
    if (message.type === 'epoch') speeds.push(Math.round(message.metrics.samples_per_second));
  };
  try {
    const trainer = new TrainerProcess({ type: 'start', experimentFile, runsDir: join(dir, 'runs'), overrides: { epochs } }, { trainerScript: trainerJs, onMessage });
    const poll = setInterval(() => {
      if (!trainer.pid) return;
      peakKb = Math.max(peakKb, statusKb(trainer.pid, 'VmHWM') ?? 0);
      lastKb = statusKb(trainer.pid, 'VmRSS') ?? lastKb;
    }, 100);
    const exit = await trainer.exited;
    clearInterval(poll);
    return { peak_rss_mb: Math.round(peakKb / 1024), final_rss_mb: Math.round(lastKb / 1024), train_samples: trainSamples, epochs, samples_per_second: speeds, status: exit.summary?.status ?? `failed: ${exit.error}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
