// `aelab reconstruct`: a run's reconstructions of new data (denoised images, for a denoising run).
import type { BackendName } from '../protocol/experiment';
import { printJson, runApplyJob } from './runApplyJob';

export function reconstructCommand(runDir: string, input: string, options: { out: string; json?: boolean; backend?: BackendName }): Promise<number> {
  return runApplyJob(
    { type: 'apply', job: 'reconstruct', runDir, input, out: options.out, backend: options.backend },
    {
      json: Boolean(options.json),
      report: ({ count, out }) => (options.json ? printJson({ count, out }) : process.stderr.write(`reconstructed ${count} samples into ${out}\n`)),
    },
  );
}
