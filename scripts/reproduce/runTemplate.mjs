// One template through the built CLI: `aelab new` writes the experiment file, `aelab train --json` trains it.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dataOf, realDataFor } from './templateData.mjs';

const CLI = resolve('bin/aelab.js');

export function run(args) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** Points the experiment at IDX files instead of builtin:mnist. */
function useIdxData(file, idx, labels) {
  const experiment = JSON.parse(readFileSync(file, 'utf8'));
  experiment.data = { ...experiment.data, source: idx, format: 'idx', ...(labels ? { labels } : {}) };
  writeFileSync(file, `${JSON.stringify(experiment, null, 2)}\n`);
}

/** Applies `plan.patch(experiment)` (e.g. data.includeLabels, another data set) to the written experiment file. */
function patchExperiment(file, patch) {
  const experiment = JSON.parse(readFileSync(file, 'utf8'));
  patch(experiment);
  writeFileSync(file, `${JSON.stringify(experiment, null, 2)}\n`);
}

/** `plan.name` names the run when one template trains several times (one per digit); the result has the run's folder. */
export async function runTemplate(template, plan, options, dir) {
  // Series and audio templates name files of their own: real data instead, or a skip with the reason.
  const real = realDataFor(template, options, dir);
  if (real.skip) {
    process.stderr.write(`[reproduce] ${template.id}: skipped, ${real.skip}\n`);
    return { template, plan, skipped: real.skip };
  }
  const name = plan.name ?? `repro-${template.id}`;
  const created = await run(['new', template.id, name, '--dir', dir]);
  if (created.code !== 0) return { template, plan, error: `aelab new failed: ${created.stderr.trim()}` };
  const file = join(dir, `${name}.ae.json`);
  if (options.idx && dataOf(template) === 'mnist') useIdxData(file, options.idx, options.labels);
  if (real.patch) patchExperiment(file, real.patch);
  if (plan.patch) patchExperiment(file, plan.patch);

  const args = ['train', file, '--json', '--epochs', String(plan.epochs), '--runs-dir', join(dir, 'runs')];
  const limit = real.limit ?? plan.limit;
  if (limit) args.push('--limit', String(limit));
  if (options.backend) args.push('--backend', options.backend);
  if (plan.threads) args.push('--threads', String(plan.threads));
  const started = performance.now();
  const trained = await run(args);
  const seconds = (performance.now() - started) / 1000;
  let summary;
  try {
    summary = JSON.parse(trained.stdout);
  } catch {
    return { template, plan, seconds, error: `aelab train exited ${trained.code} without a summary: ${trained.stderr.trim().split('\n').slice(-3).join(' ')}` };
  }
  const error = summary.status === 'completed' ? undefined : `${summary.status}: ${summary.error?.message ?? trained.stderr.trim()}`;
  const runDir = join(dir, 'runs', summary.runId);
  const extra = !error && real.after ? await real.after(runDir, run) : {};
  return { template, plan, seconds, summary, error, runDir, data: real.data, ...extra };
}
