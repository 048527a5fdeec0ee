// `aelab score`: each sample's reconstruction error, flagged above the run's threshold (or one given).
import type { BackendName } from '../protocol/experiment';
import { printJson, runApplyJob } from './runApplyJob';

export interface ScoreOptions {
  out: string;
  threshold?: number;
  percentile?: number;
  json?: boolean;
  backend?: BackendName;
}

export function scoreCommand(runDir: string, input: string, options: ScoreOptions): Promise<number> {
  return runApplyJob(
    { type: 'apply', job: 'score', runDir, input, out: options.out, threshold: options.threshold, percentile: options.percentile, backend: options.backend },
    {
      json: Boolean(options.json),
      report: ({ count, flagged, threshold, method, out }) => {
        if (options.json) printJson({ count, flagged, threshold, method });
        else process.stdout.write(`${flagged} of ${count} flagged above ${threshold} (${method}); scores in ${out}\n`);
      },
    },
  );
}
