// Re-run with edits, without VS Code: the run's experiment (as it trained, defaults filled, without its sweep block)
// written to a new *.ae.json next to the experiment file it came from, so data.source still resolves.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readRunExperiment } from '../../runs/experimentFile';

/** The new file's path; never overwrites (`-2`, `-3`, … are tried). InputError when experiment.json is unreadable. */
export function writeRerunCopy(runDir: string): string {
  const saved = readRunExperiment(runDir);
  // The sweep block made this run one of many; the copy is this one setting.
  const { sweep: _sweep, ...experiment } = saved.experiment;
  const folder = existsSync(dirname(saved.experimentFile)) ? dirname(saved.experimentFile) : runDir;
  const file = freeName(folder, `${experiment.name}-rerun`);
  writeFileSync(file, `${JSON.stringify(experiment, null, 2)}\n`, { flag: 'wx' });
  return file;
}

function freeName(folder: string, stem: string): string {
  const safe = stem.replace(/[^\w.-]+/g, '-');
  for (let n = 1; ; n++) {
    const file = join(folder, `${safe}${n === 1 ? '' : `-${n}`}.ae.json`);
    if (!existsSync(file)) return file;
  }
}
