// The TensorFlow.js side of `npm run bench`, run in a child process per backend (bundled by scripts/bench.mjs):
//   train <backend> <workerScript|-> <template...>   roofline and training throughput on one backend
//   tensors <experiment.json> <workerScript|->        numTensors per epoch on a large dataset
//   ceiling <matmulWorker>                             wasm matMul GFLOP/s on 1, 2, ... threads at once
//   quality <workerScript|->                           deep AE: seconds to a validation BCE (timeToQuality.ts)
//   scaling <workerScript|-> <images.gz|random:N>      deep AE samples/s over threads and dataset size
// Prints one `BENCH {json}` line per result on stdout; progress goes to stderr.
import { selectBackend } from '../../src/trainer/backends/selectBackend';
import { loadBuiltinDataset } from '../../src/trainer/data/builtin';
import { emptyDropped, type Dataset } from '../../src/trainer/data/dataset';
import { loadIdxDataset } from '../../src/trainer/data/idxDataset';
import type { BackendName } from '../../src/protocol/experiment';
import { readFileSync } from 'node:fs';
import { allThreadsMatmulGflops, matmulRooflineGflops } from './matmulRoofline';
import { benchThreadCounts } from './peer/torchPeer';
import { measureScaling } from './scaling';
import { tensorCountsPerEpoch } from './tensorCounts';
import { measureTimeToQuality } from './timeToQuality';
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

/** A large image set: an IDX file (labels beside it are not needed), or "random:N" MNIST-shaped uniform images. */
function largeImages(spec: string): Dataset {
  if (!spec.startsWith('random:')) return loadIdxDataset(spec);
  const count = Number(spec.slice('random:'.length));
  const x = new Float32Array(count * 784);
  let state = 7;
  for (let i = 0; i < x.length; i++) x[i] = ((state = (state * 1_103_515_245 + 12_345) >>> 0) >>> 8) / 16_777_216;
  return { x, count, sampleShape: [28, 28, 1], normalization: { kind: 'none' }, dropped: emptyDropped(), notes: [] };
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
  if (command === 'ceiling') {
    await selectBackend('wasm');
    for (const threads of benchThreadCounts()) {
      const gflops = Math.round((await allThreadsMatmulGflops(args[0], threads)) * 100) / 100;
      log(`  wasm matMul on ${threads} thread${threads > 1 ? 's' : ''} at once: ${gflops} GFLOP/s`);
      emit({ type: 'wasm-ceiling', threads, gflops });
    }
    return;
  }
  if (command === 'quality') {
    await selectBackend('wasm');
    emit({ type: 'quality', ...(await measureTimeToQuality(loadBuiltinDataset('builtin:mnist'), worker(args[0]))) });
    return;
  }
  if (command === 'scaling') {
    await selectBackend('wasm');
    for (const [label, data] of [['mnist', loadBuiltinDataset('builtin:mnist')], [args[1].startsWith('random:') ? args[1] : 'large', largeImages(args[1])]] as const) {
      for (const threads of benchThreadCounts()) {
        log(`  scaling: deep AE, ${data.count} samples, ${threads} thread${threads > 1 ? 's' : ''}`);
        emit({ type: 'scaling', data: label, ...(await measureScaling(data, threads, worker(args[0]))) });
      }
    }
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
