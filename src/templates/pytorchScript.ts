// "Export as PyTorch Script" / `aelab export-pytorch`: a finished run as one standalone torch + numpy training script
// that also runs under torchrun and writes a run folder in our layout. Contract shared by the CLI and the extension;
// the generator lands in src/templates/pytorch/.
import { InputError } from '../protocol/errors';

export interface PytorchExport {
  /** The script and any file it reads beside itself (e.g. the bundled MNIST digits of a builtin:mnist run). */
  files: string[];
}

/** Writes the script for the run in `runDir` to `outFile` (atomically); throws an InputError naming the run folder or field. */
export function writePytorchExport(runDir: string, outFile: string): PytorchExport {
  throw new InputError(`the PyTorch export is not available in this build (asked for ${outFile})`, { file: runDir });
}
