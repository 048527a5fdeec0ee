// `aelab export-keras`: writes a finished run as a standalone Keras training script (see src/templates/kerasScript.ts).
import { resolve } from 'node:path';
import { isInputError } from '../protocol/errors';
import { writeFileAtomic } from '../runs/atomicWrite';
import { kerasScript } from '../templates/kerasScript';

export function exportKerasCommand(runDir: string, outFile: string): number {
  let script: string;
  try {
    script = kerasScript(runDir);
  } catch (error) {
    if (!isInputError(error)) throw error;
    process.stderr.write(`aelab export-keras: ${error.message}\n`);
    return 2;
  }
  const target = resolve(outFile);
  try {
    writeFileAtomic(target, script);
  } catch (error) {
    process.stderr.write(`aelab export-keras: cannot write ${target}: ${(error as Error).message}\n`);
    return 2;
  }
  process.stderr.write(`wrote ${target}\n`);
  return 0;
}
