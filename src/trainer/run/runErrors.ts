// How a failure is told: input problems name the file and field, write problems say the run cannot be written.
import { isInputError } from '../../protocol/errors';
import type { RunError } from '../../protocol/trainerMessages';
import { checkpointEpoch } from '../../runs/checkpointFiles';

const WRITE_ERROR_CODES = ['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EDQUOT', 'EFBIG', 'ENOTDIR', 'EISDIR'];

export function toRunError(error: unknown): RunError {
  if (isInputError(error)) return { message: error.message, reason: 'input', file: error.file, field: error.field, line: error.line };
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && WRITE_ERROR_CODES.includes(code)) return { message: `cannot write the run: ${(error as Error).message}`, reason: 'write' };
  return { message: error instanceof Error ? error.message : String(error), reason: 'crashed' };
}

/** What a diverged run really keeps: no model is saved, only the last checkpoint, if one was written. */
export function keptAfterDivergence(runDir: string): string {
  const epoch = checkpointEpoch(runDir);
  return epoch === undefined ? 'no checkpoint had been saved yet, so no weights are kept' : `the checkpoint of epoch ${epoch} is kept (no model is saved)`;
}
