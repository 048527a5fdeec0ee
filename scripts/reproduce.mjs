// Trains every template through the CLI (run `npm run build` first) and writes a Markdown table comparing our losses
// with the published ones, to stdout and docs/reproduction.md. See reproduce/options.mjs for the flags.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadTemplates } from './reproduce/loadTemplates.mjs';
import { isConvTemplate, parseOptions, planFor, USAGE } from './reproduce/options.mjs';
import { renderReport } from './reproduce/report.mjs';
import { runTemplate } from './reproduce/runTemplate.mjs';

async function main(argv) {
  const options = parseOptions(argv);
  if (options.help) return void console.log(USAGE);
  const templates = (await loadTemplates()).filter((t) => !options.only || options.only.includes(t.id));
  if (templates.length === 0) throw new Error(`no template matches --only ${options.only?.join(',')}`);
  const dir = mkdtempSync(join(tmpdir(), 'aelab-reproduce-'));
  const started = performance.now();
  const results = new Array(templates.length);
  const order = templates.map((_, i) => i).sort((a, b) => Number(isConvTemplate(templates[b])) - Number(isConvTemplate(templates[a])));
  let next = 0;
  const worker = async () => {
    while (next < order.length) {
      const index = order[next++];
      const template = templates[index];
      const plan = planFor(template, options);
      process.stderr.write(`[reproduce] ${template.id}: ${plan.epochs} epochs${plan.limit ? `, ${plan.limit} samples` : ''}...\n`);
      results[index] = await runTemplate(template, plan, options, dir);
      const { seconds, error } = results[index];
      process.stderr.write(`[reproduce] ${template.id}: ${error ? `FAILED (${error})` : results[index].skipped ? 'skipped' : 'done'} in ${seconds?.toFixed(0) ?? '?'} s\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.jobs, templates.length) }, worker));

  const report = renderReport(results, {
    argv,
    quick: options.quick,
    jobs: options.jobs,
    data: options.idx ? `IDX ${options.idx}` : 'builtin:mnist (10,000 MNIST digits)',
  });
  process.stdout.write(report);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, report);
  process.stderr.write(`[reproduce] wrote ${options.out}; total ${((performance.now() - started) / 60000).toFixed(1)} min\n`);
  if (options.keep) process.stderr.write(`[reproduce] runs kept in ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
  if (results.some((r) => r.error)) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`reproduce: ${error instanceof Error ? error.message : error}\n${USAGE}\n`);
  process.exitCode = 2;
});
