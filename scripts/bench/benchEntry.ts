// The TensorFlow.js side of `npm run bench`, run in a child process per backend (bundled by scripts/bench.mjs):
//   train <backend> <workerScript|-> <template...>   roofline and training throughput on one backend
//   tensors <experiment.json> <workerScript|->        numTensors per epoch on a large dataset
// Prints one `BENCH {json}` line per result on stdout; progress goes to stderr.
import { selectBackend } from '../../src/trainer/backends/selectBackend';
import { loadBuiltinDataset } from '../../src/trainer/data/builtin';
import type { BackendName } from '../../src/protocol/experiment';
import { readFileSync } from 'node:fs';
import { matmulRooflineGflops } from './matmulRoofline';
import { tensorCountsPerEpoch } from './tensorCounts';
import { measureThroughput } from './trainingThroughput';

const emit = (result: object) => process.stdout.write(`BENCH ${JSON.stringify(result)}\n`);
const log = (line: string) => process.stderr.write(`${line}\n`);

async function train(backend: BackendName, workerScript: string | undefined, templates: string[]): Promise<void> {
  let selected;
  try {
    selected = await selectBackend(backend);
  } catch (error) {
    emit({ type: 'unavailable', backend, reason: error instanceof Error ? error.message : String(error) });
    return;
  }
  const roofline = Math.round(matmulRooflineGflops() * 100) / 100;
  emit({ type: 'roofline', backend, description: selected.description, roofline_gflops: roofline });
  log(`${selected.description}: matMul 256x784 @ 784x128 at ${roofline} GFLOP/s`);
  const data = loadBuiltinDataset('builtin:mnist');
  for (const template of templates) {
    const result = await measureThroughput(template, data, backend === 'wasm' ? workerScript : undefined, log);
    emit({ type: 'throughput', backend, roofline_gflops: roofline, ...result });
  }
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const worker = (arg: string) => (arg === '-' ? undefined : arg);
  if (command === 'train') return train(args[0] as BackendName, worker(args[1]), args.slice(2));
  if (command === 'tensors') {
    await selectBackend('wasm');
    const experimentFile = args[0];
    emit({ type: 'tensors', ...(await tensorCountsPerEpoch(JSON.parse(readFileSync(experimentFile, 'utf8')), experimentFile, 3, worker(args[1]))) });
    return;
  }
  throw new Error(`unknown bench command ${command}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    log(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exit(1);
  },
);
