// Trains the evaluation rows through the CLI (run `npm run build` first) and writes a Markdown table of their
// evaluation.json numbers beside baselines and published references, to stdout and docs/reproduction-evaluation.md:
// one-class MNIST AUROC per digit, denoising PSNR/SSIM, Fashion-MNIST kNN/linear-probe accuracy, the VAE's NLL.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { evaluationJobs, missingData, selectJobs } from './reproduce/evaluationJobs.mjs';
import { EVALUATION_USAGE, parseEvaluationOptions } from './reproduce/evaluationOptions.mjs';
import { renderEvaluationReport } from './reproduce/evaluationReport.mjs';
import { loadTemplates } from './reproduce/loadTemplates.mjs';
import { runPool } from './reproduce/pool.mjs';
import { readRunEvaluation } from './reproduce/readRunEvaluation.mjs';
import { runTemplate } from './reproduce/runTemplate.mjs';

const log = (text) => process.stderr.write(`[reproduce:evaluation] ${text}\n`);

function machine() {
  const cores = cpus();
  return `${cores.length} × ${cores[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${loadavg()[0].toFixed(1)} at the start (the cores are shared with other work)`;
}

async function runJob(job, templates, options, dir) {
  const missing = missingData(job);
  if (missing) return { job, error: missing };
  const template = templates.find((t) => t.id === job.templateId);
  if (!template) return { job, error: `no template ${job.templateId}` };
  const plan = {
    name: job.name,
    patch: job.patch,
    epochs: options.epochs ?? job.epochs ?? template.experiment('plan').training.epochs,
    limit: options.limit ?? job.limit,
    threads: options.threads,
  };
  log(`${job.id}: ${template.id}, ${plan.epochs} epochs${plan.limit ? `, ${plan.limit} samples` : ''}...`);
  const trained = await runTemplate(template, plan, options, dir);
  let evaluation;
  let error = trained.error;
  if (!error) {
    try {
      evaluation = await readRunEvaluation(trained.runDir);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  }
  log(`${job.id}: ${error ? `FAILED (${error})` : 'done'} in ${trained.seconds?.toFixed(0) ?? '?'} s`);
  return { job: { ...job, epochs: plan.epochs }, summary: trained.summary, seconds: trained.seconds, evaluation, error };
}

async function main(argv) {
  const options = parseEvaluationOptions(argv);
  if (options.help) return void console.log(EVALUATION_USAGE);
  const jobs = selectJobs(evaluationJobs(options), options.only);
  const templates = await loadTemplates();
  const dir = mkdtempSync(join(tmpdir(), 'aelab-reproduce-evaluation-'));
  const note = machine();
  const started = performance.now();
  const results = await runPool(jobs, options.jobs, (job) => runJob(job, templates, options, dir));
  const minutes = (performance.now() - started) / 60000;

  const report = renderEvaluationReport(results, { argv, quick: options.quick, jobs: options.jobs, minutes, machine: note, date: new Date().toISOString().slice(0, 10), node: process.version });
  process.stdout.write(report);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, report);
  log(`wrote ${options.out}; total ${minutes.toFixed(1)} min`);
  if (options.keep) log(`runs kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  if (results.some((r) => r.error)) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`reproduce:evaluation: ${error instanceof Error ? error.message : error}\n${EVALUATION_USAGE}\n`);
  process.exitCode = 2;
});
