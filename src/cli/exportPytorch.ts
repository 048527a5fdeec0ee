// `aelab export-pytorch`: writes a finished run as a standalone PyTorch training script that also runs under torchrun
// (see src/templates/pytorchScript.ts), plus any file it reads beside itself.
import { isInputError } from '../protocol/errors';
import { writePytorchExport } from '../templates/pytorchScript';

export function exportPytorchCommand(runDir: string, outFile: string): number {
  try {
    const { files } = writePytorchExport(runDir, outFile);
    process.stderr.write(`wrote ${files.join(', ')}\n`);
    return 0;
  } catch (error) {
    if (isInputError(error)) {
      process.stderr.write(`aelab export-pytorch: ${error.message}\n`);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      process.stderr.write(`aelab export-pytorch: cannot write ${outFile}: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}
