// One apply job from the host's message to its `applied` answer. The user's files or flags that do not fit come back
// as reason 'input' (the CLI exits 2), a disk that cannot take the output as 'write', a stop the host asked for (checked
// between batches) as 'stopped'; anything else is thrown.
import { resolve } from 'node:path';
import type { Applied, ApplyMessage } from '../../protocol/applyMessages';
import { InputError, isInputError } from '../../protocol/errors';
import type { TrainerToHost } from '../../protocol/trainerMessages';
import { selectBackend } from '../backends/selectBackend';
import { toRunError } from '../run/runErrors';
import { openApplyInput } from './applyInput';
import type { ApplyInput } from './inputTypes';
import { ApplyStopped, type JobControl } from './eachBatch';
import { encodeJob } from './encodeJob';
import { loadRun, type LoadedRun } from './loadRun';
import { neighborsJob } from './neighborsJob';
import { reconstructJob } from './reconstructJob';
import { scoreJob } from './scoreJob';

/** The message as the schema parsed it (defaults filled in). */
export type ParsedApply = Required<Pick<ApplyMessage, 'k' | 'binary'>> & ApplyMessage;

export async function applyRun(message: ParsedApply, send: (message: TrainerToHost) => void, shouldStop: () => boolean = () => false): Promise<Applied> {
  const failed = (error: string, reason: NonNullable<Applied['reason']>): Applied => ({ type: 'applied', job: message.job, count: 0, out: null, error, reason });
  let run: LoadedRun | undefined;
  let input: ApplyInput | undefined;
  try {
    await selectBackend(message.backend);
    run = await loadRun(resolve(message.runDir));
    input = openApplyInput(resolve(message.input), run);
    const control: JobControl = { progress: (done, total) => send({ type: 'applyProgress', done, total }), shouldStop };
    const out = () => {
      if (!message.out) throw new InputError(`the ${message.job} job needs an output path (--out)`);
      return resolve(message.out);
    };
    switch (message.job) {
      case 'reconstruct':
        return await reconstructJob(run, input, out(), control);
      case 'score':
        return await scoreJob(run, input, out(), { threshold: message.threshold, percentile: message.percentile }, control);
      case 'encode':
        return await encodeJob(run, input, out(), control);
      case 'neighbors':
        return await neighborsJob(run, input, message.k, message.binary, control);
      default:
        throw new Error(`unknown apply job "${String(message.job)}"`);
    }
  } catch (error) {
    if (error instanceof ApplyStopped) return failed(stoppedMessage(message, input, error.done), 'stopped');
    if (isInputError(error)) return failed(error.message, 'input');
    const runError = toRunError(error);
    if (runError.reason === 'write') return failed(`cannot write the output: ${(error as Error).message}`, 'write');
    throw error;
  } finally {
    run?.dispose();
  }
}

/** What a stopped job left: image files already written stay (each one complete); a single output file is never left. */
function stoppedMessage(message: ParsedApply, input: ApplyInput | undefined, done: number): string {
  const of = `stopped after ${done} of ${input?.total ?? '?'} samples`;
  if (message.job === 'neighbors') return of;
  if (message.job === 'reconstruct' && input?.format === 'images' && input.isFolder) return `${of}; the ${done} PNG files already written under ${message.out} are kept`;
  return `${of}; nothing was written to ${message.out}`;
}
