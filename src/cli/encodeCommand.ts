// `aelab encode`: the latent code of each sample of new data, as CSV or NPY.
import type { BackendName } from '../protocol/experiment';
import { printJson, runApplyJob } from './runApplyJob';

export function encodeCommand(runDir: string, input: string, options: { out: string; json?: boolean; backend?: BackendName }): Promise<number> {
  return runApplyJob(
    { type: 'apply', job: 'encode', runDir, input, out: options.out, backend: options.backend },
    {
      json: Boolean(options.json),
      report: ({ count, out }) => (options.json ? printJson({ count, out }) : process.stderr.write(`wrote the codes of ${count} samples to ${out}\n`)),
    },
  );
}
