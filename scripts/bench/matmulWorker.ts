// One thread of the all-threads wasm matMul ceiling (bundled by scripts/bench.mjs): its own tfjs-wasm instance runs
// the roofline's matMul for each window the main thread asks for and answers how many it finished.
import { parentPort } from 'node:worker_threads';
import { selectBackend } from '../../src/trainer/backends/selectBackend';
import { matmulLoop } from './matmulRoofline';

async function main(): Promise<void> {
  await selectBackend('wasm');
  const loop = matmulLoop();
  loop.run(200);
  parentPort!.on('message', (message: { windowMs: number } | 'stop') => {
    if (message === 'stop') {
      loop.dispose();
      process.exit(0);
    }
    parentPort!.postMessage(loop.run(message.windowMs));
  });
  parentPort!.postMessage('ready');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
