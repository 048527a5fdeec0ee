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

/** Every span in time order, or, when there are more than SHOWN_SPANS, the longest of them (still in time order). */
function describeSpans(spans: NonNullable<Applied['spans']>): string {
  const order = spans.map((_, i) => i);
  const shown = spans.length <= SHOWN_SPANS ? order : order.sort((a, b) => spans[b].points - spans[a].points || a - b).slice(0, SHOWN_SPANS).sort((a, b) => a - b);
  const lines = shown.map((i) => `  ${spans[i].start} .. ${spans[i].end} (${spans[i].points} point${spans[i].points === 1 ? '' : 's'})\n`);
  const which = spans.length > SHOWN_SPANS ? `, the ${SHOWN_SPANS} longest (--json lists them all)` : '';
  return `${spans.length} flagged span${spans.length === 1 ? '' : 's'}${which}${spans.length > 0 ? ':' : ''}\n${lines.join('')}`;
}
