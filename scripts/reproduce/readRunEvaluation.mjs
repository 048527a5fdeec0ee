// A finished run's evaluation: the evaluation.json written when training ended, else `aelab eval <run> --json`; either
// way validated by the evaluation schema (src/protocol/evaluation.ts), so a changed schema fails here, by field.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTypeScript } from './loadTemplates.mjs';
import { run } from './runTemplate.mjs';

const protocol = importTypeScript(`export { evaluationSchema, evaluationJsonReviver } from './src/protocol/evaluation';
export { RUN_FILES } from './src/runs/layout';`);

/** Parses evaluation.json text (Infinity written as a string) and validates it; errors name the source and field. */
export async function parseEvaluation(text, source) {
  const { evaluationSchema, evaluationJsonReviver } = await protocol;
  const result = evaluationSchema.safeParse(JSON.parse(text, evaluationJsonReviver));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${source}: field "${issue.path.join('.')}": ${issue.message}`);
  }
  return result.data;
}

export async function readRunEvaluation(runDir) {
  const { RUN_FILES } = await protocol;
  const file = join(runDir, RUN_FILES.evaluation);
  if (existsSync(file)) return parseEvaluation(readFileSync(file, 'utf8'), file);
  const evaluated = await run(['eval', runDir, '--json']);
  if (evaluated.code !== 0) throw new Error(`aelab eval ${runDir} exited ${evaluated.code}: ${evaluated.stderr.trim().split('\n').slice(-2).join(' ')}`);
  return parseEvaluation(evaluated.stdout, `aelab eval ${runDir} --json`);
}
