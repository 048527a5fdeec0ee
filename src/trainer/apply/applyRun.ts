// One apply job from the host's message to its `applied` answer. The user's files or flags that do not fit come back
// as reason 'input' (the CLI exits 2), a disk that cannot take the output as 'write'; anything else is thrown.
import { resolve } from 'node:path';
import type { Applied, ApplyMessage } from '../../protocol/applyMessages';
import { InputError, isInputError } from '../../protocol/errors';
import type { TrainerToHost } from '../../protocol/trainerMessages';
import { selectBackend } from '../backends/selectBackend';
import { toRunError } from '../run/runErrors';
import { openApplyInput } from './applyInput';
import type { Progress } from './eachBatch';
import { encodeJob } from './encodeJob';
import { loadRun, type LoadedRun } from './loadRun';
import { neighborsJob } from './neighborsJob';
import { reconstructJob } from './reconstructJob';
import { scoreJob } from './scoreJob';

/** The message as the schema parsed it (defaults filled in). */
export type ParsedApply = Required<Pick<ApplyMessage, 'k' | 'binary'>> & ApplyMessage;

export async function applyRun(message: ParsedApply, send: (message: TrainerToHost) => void): Promise<Applied> {
  const failed = (error: string, reason: 'input' | 'write'): Applied => ({ type: 'applied', job: message.job, count: 0, out: null, error, reason });
  let run: LoadedRun | undefined;
  try {
    await selectBackend(message.backend);
    run = await loadRun(resolve(message.runDir));
    const input = openApplyInput(resolve(message.input), run);
    const progress: Progress = (done, total) => send({ type: 'applyProgress', done, total });
    const out = () => {
      if (!message.out) throw new InputError(`the ${message.job} job needs an output path (--out)`);
      return resolve(message.out);
    };
    switch (message.job) {
      case 'reconstruct':
        return await reconstructJob(run, input, out(), progress);
      case 'score':
        return await scoreJob(run, input, out(), { threshold: message.threshold, percentile: message.percentile }, progress);
      case 'encode':
        return await encodeJob(run, input, out(), progress);
      case 'neighbors':
        return await neighborsJob(run, input, message.k, message.binary, progress);
      default:
        throw new Error(`unknown apply job "${String(message.job)}"`);
    }
  } catch (error) {
    if (isInputError(error)) return failed(error.message, 'input');
    const runError = toRunError(error);
    if (runError.reason === 'write') return failed(`cannot write the output: ${(error as Error).message}`, 'write');
    throw error;
  } finally {
    run?.dispose();
  }
}
