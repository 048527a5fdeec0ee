// Runs one apply job (reconstruct, score, encode, neighbors) in a trainer process with progress on stderr, and maps
// its answer to the CLI's exit codes: 0 done, 2 the input or flags do not fit the run, 128 + n stopped by signal n
// (SIGINT, SIGTERM, SIGHUP: see stopSignals.ts), 1 anything else.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TrainerProcess } from '../host/trainerProcess';
import type { Applied, ApplyMessage } from '../protocol/applyMessages';
import { atomicTempPath } from '../runs/atomicWrite';
import { createApplyProgress } from './applyProgress';
import { handleStopSignals } from './stopSignals';
import { EXIT } from './exitCodes';

export async function runApplyJob(message: ApplyMessage, { json, report }: { json: boolean; report: (applied: Applied) => void }): Promise<number> {
  const progress = createApplyProgress({ quiet: json, tty: Boolean(process.stderr.isTTY), job: message.job });
  let applied: Applied | undefined;
  let done = 0;
  // A job the trainer refused before starting it (an invalid message) ends with 'done' and the reason.
  let refused: { message: string; reason: string } | undefined;
  const out = message.out && resolve(message.out);
  const signals = handleStopSignals({ stopping: `stopping the ${message.job} job after the current batch`, killing: 'killing the trainer' });
  const trainer = new TrainerProcess(
    { ...message, runDir: resolve(message.runDir), input: resolve(message.input), out },
    {
      trainerScript: join(__dirname, 'trainer.js'),
      onMessage: (m) => {
        if (m.type === 'applyProgress') {
          done = m.done;
          progress.update(m.done, m.total);
        } else if (m.type === 'applied') applied = m;
        else if (m.type === 'done' && m.error) refused = m.error;
        else if (m.type === 'log' && m.level === 'warn') process.stderr.write(`warning: ${m.message}\n`);
      },
      onInvalidMessage: (problem) => process.stderr.write(`warning: ${problem}\n`),
    },
  );
  const trainerPid = trainer.pid;
  signals.attach(trainer);
  const exit = await trainer.exited;
  signals.dispose();
  progress.finish();
  if (applied && !applied.error) {
    report(applied);
    return EXIT.ok;
  }
  const signal = signals.received();
  if (signals.killed()) {
    // A killed trainer could not remove the file it was writing; image files it had finished are complete.
    if (out && trainerPid !== undefined) rmSync(atomicTempPath(out, trainerPid), { force: true });
    process.stderr.write(`aelab ${message.job}: killed after ${done} samples; no half-written output file is left${message.job === 'reconstruct' ? ' (image files already written are kept)' : ''}\n`);
  } else {
    process.stderr.write(`aelab ${message.job}: ${applied?.error ?? refused?.message ?? exit.error ?? 'the trainer ended without an answer'}\n`);
  }
  if (signal && (signals.killed() || applied?.reason === 'stopped' || !applied)) return EXIT.signalled[signal];
  if (applied?.reason === 'stopped') return EXIT.stopped;
  return (applied?.reason ?? refused?.reason ?? exit.reason) === 'input' ? EXIT.badInput : EXIT.failed;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
