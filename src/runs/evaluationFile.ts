// evaluation.json: written atomically when a run ends and by `aelab eval`; read by the dashboard, Compare and the CLI.
import { existsSync } from 'node:fs';
import { evaluationJsonReplacer, evaluationJsonReviver, evaluationSchema, type Evaluation } from '../protocol/evaluation';
import { writeFileAtomic } from './atomicWrite';
import { runPath } from './layout';
import { readRunJson } from './readJsonFile';

export function writeEvaluation(runDir: string, evaluation: Evaluation): void {
  writeEvaluationFile(runPath(runDir, 'evaluation'), evaluation);
}

/** Any path (aelab eval --input … --out FILE); the run's own file is `writeEvaluation`. */
export function writeEvaluationFile(file: string, evaluation: Evaluation): void {
  writeFileAtomic(file, `${JSON.stringify(evaluation, evaluationJsonReplacer, 2)}\n`);
}

/** The run's evaluation, validated (InputError naming the file, line and field); undefined when it has none. */
export function readEvaluation(runDir: string): Evaluation | undefined {
  const file = runPath(runDir, 'evaluation');
  return existsSync(file) ? readRunJson(file, evaluationSchema, evaluationJsonReviver) : undefined;
}
