// `aelab score`: each sample's reconstruction error, flagged above the run's threshold (or one given).
import type { Applied } from '../protocol/applyMessages';
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
      report: ({ count, flagged, threshold, method, out, spans }) => {
        if (options.json) printJson({ count, flagged, threshold, method, ...(spans ? { spans } : {}) });
        else {
          process.stdout.write(`${flagged} of ${count} ${spans ? 'time points ' : ''}flagged above ${threshold} (${method}); scores in ${out}\n`);
          if (spans) process.stderr.write(describeSpans(spans));
        }
      },
    },
  );
}

/** The most spans listed on stderr; --json gives them all. */
const SHOWN_SPANS = 20;

function describeSpans(spans: NonNullable<Applied['spans']>): string {
  const lines = spans.slice(0, SHOWN_SPANS).map(({ start, end, points }) => `  ${start} .. ${end} (${points} point${points === 1 ? '' : 's'})\n`);
  const more = spans.length > SHOWN_SPANS ? `  … and ${spans.length - SHOWN_SPANS} more (--json lists them all)\n` : '';
  return `${spans.length} flagged span${spans.length === 1 ? '' : 's'}${spans.length > 0 ? ':' : ''}\n${lines.join('')}${more}`;
}
