// `aelab eval`: (re)computes a finished run's evaluation in a trainer process, on its validation split (rewriting
// evaluation.json) or on a given input (writing only --out). Exit codes as the apply commands: 0 done, 2 the run or
// the input is unusable, 128 + n stopped by signal n, 1 anything else.
import { join, resolve } from 'node:path';
import { TrainerProcess } from '../host/trainerProcess';
import { evaluationJsonReplacer } from '../protocol/evaluation';
import type { BackendName } from '../protocol/experiment';
import type { TrainerToHost } from '../protocol/trainerMessages';
import { evaluationTable } from './evaluationTable';
import { EXIT } from './exitCodes';
import { handleStopSignals } from './stopSignals';

export interface EvalOptions {
  input?: string;
  out?: string;
  samples?: number;
  json?: boolean;
  backend?: BackendName;
}

type Evaluated = Extract<TrainerToHost, { type: 'evaluated' }>;

export async function evalCommand(runDir: string, options: EvalOptions): Promise<number> {
  let evaluated: Evaluated | undefined;
  let refused: { message: string; reason: string } | undefined;
  if (!options.json) process.stderr.write('evaluating...\n');
  const signals = handleStopSignals({ stopping: 'stopping the evaluation', killing: 'killing the trainer' });
  const trainer = new TrainerProcess(
    {
      type: 'evaluate',
      runDir: resolve(runDir),
      input: options.input && resolve(options.input),
      out: options.out && resolve(options.out),
      nllSamples: options.samples,
      backend: options.backend,
    },
    {
      trainerScript: join(__dirname, 'trainer.js'),
      onMessage: (m) => {
        if (m.type === 'evaluated') evaluated = m;
        else if (m.type === 'done' && m.error) refused = m.error;
        else if (m.type === 'log' && m.level === 'warn') process.stderr.write(`warning: ${m.message}\n`);
      },
      onInvalidMessage: (problem) => process.stderr.write(`warning: ${problem}\n`),
    },
  );
  signals.attach(trainer);
  const exit = await trainer.exited;
  signals.dispose();
  if (evaluated?.evaluation && !evaluated.error) {
    if (options.json) process.stdout.write(`${JSON.stringify(evaluated.evaluation, evaluationJsonReplacer, 2)}\n`);
    else process.stdout.write(evaluationTable(evaluated.evaluation));
    if (evaluated.out) process.stderr.write(`wrote ${evaluated.out}\n`);
    return EXIT.ok;
  }
  const signal = signals.received();
  process.stderr.write(`aelab eval: ${signals.killed() ? 'killed; nothing was written' : (evaluated?.error ?? refused?.message ?? exit.error ?? 'the trainer ended without an answer')}\n`);
  if (signal && (signals.killed() || evaluated?.reason === 'stopped' || !evaluated)) return EXIT.signalled[signal];
  if (evaluated?.reason === 'stopped') return EXIT.stopped;
  return (evaluated?.reason ?? refused?.reason ?? exit.reason) === 'input' ? EXIT.badInput : EXIT.failed;
}
