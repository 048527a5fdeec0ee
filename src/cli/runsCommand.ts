// `aelab runs`: the runs of a runs folder with the status readers show (a "running" run whose trainer is gone is
// "interrupted"; one whose summary.json cannot be read is "damaged", with the reason) and what `aelab resume` does with it.
import { listRuns } from '../runs/runList';
import { EXIT } from './exitCodes';

const RESUME_NOTES: Record<string, string> = { checkpoint: ' (resumable)', retrain: ' (no checkpoint: resume trains again from the start)', false: '' };

export async function runsCommand(runsDir: string, json: boolean): Promise<number> {
  const runs = await listRuns(runsDir);
  if (json) {
    process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
    return EXIT.ok;
  }
  if (runs.length === 0) {
    process.stderr.write(`no runs in ${runsDir}\n`);
    return EXIT.ok;
  }
  // Kinds and ids come from run files: control characters could drive the terminal, so they are shown as '?'.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const plain = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  const rows = runs.map((run) => [
    run.runId,
    run.status + RESUME_NOTES[String(run.resumable)],
    run.kind,
    `${run.epochs}/${run.epochsPlanned}`,
    run.bestValLoss === null ? '-' : run.bestValLoss.toPrecision(4),
    run.detail ?? '',
  ]);
  const header = ['RUN', 'STATUS', 'KIND', 'EPOCHS', 'BEST VAL', 'DETAIL'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => plain(cell).padEnd(widths[i])).join('  ').trimEnd();
  process.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n`);
  return EXIT.ok;
}
