// Runs one apply job (reconstruct, score, encode, neighbors) in a trainer process with progress on stderr, and maps
// its answer to the CLI's exit codes: 0 done, 2 the input or flags do not fit the run, 1 anything else.
import { join, resolve } from 'node:path';
import { TrainerProcess } from '../host/trainerProcess';
import type { Applied, ApplyMessage } from '../protocol/applyMessages';
import { createApplyProgress } from './applyProgress';
import { EXIT } from './exitCodes';

export async function runApplyJob(message: ApplyMessage, { json, report }: { json: boolean; report: (applied: Applied) => void }): Promise<number> {
  const progress = createApplyProgress({ quiet: json, tty: Boolean(process.stderr.isTTY), job: message.job });
  let applied: Applied | undefined;
  // A job the trainer refused before starting it (an invalid message) ends with 'done' and the reason.
  let refused: { message: string; reason: string } | undefined;
  const trainer = new TrainerProcess(
    { ...message, runDir: resolve(message.runDir), input: resolve(message.input), out: message.out && resolve(message.out) },
    {
      trainerScript: join(__dirname, 'trainer.js'),
      onMessage: (m) => {
        if (m.type === 'applyProgress') progress.update(m.done, m.total);
        else if (m.type === 'applied') applied = m;
        else if (m.type === 'done' && m.error) refused = m.error;
        else if (m.type === 'log' && m.level === 'warn') process.stderr.write(`warning: ${m.message}\n`);
      },
      onInvalidMessage: (problem) => process.stderr.write(`warning: ${problem}\n`),
    },
  );
  const exit = await trainer.exited;
  progress.finish();
  if (applied && !applied.error) {
    report(applied);
    return EXIT.ok;
  }
  process.stderr.write(`aelab ${message.job}: ${applied?.error ?? refused?.message ?? exit.error ?? 'the trainer ended without an answer'}\n`);
  return (applied?.reason ?? refused?.reason ?? exit.reason) === 'input' ? EXIT.badInput : EXIT.failed;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
