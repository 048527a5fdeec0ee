// The extension-host side of `npm run bench` (no TensorFlow.js in this bundle), run in fresh child processes:
//   activation <extension.js> <repoRoot>          one cold activation (and first use) in this process
//   activations <extension.js> <repoRoot> <runs>  the median of `runs` fresh processes of the above
//   eventloop <dist/trainer.js> <experiment.json> <epochs>
//   memory <dist/trainer.js> <experiment.json> <epochs>
import { readFileSync } from 'node:fs';
import { activationInFreshProcesses, measureActivation } from './activationTime';
import { measureHostEventLoop } from './eventLoopDelay';
import { measureTrainerMemory } from './trainerMemory';

const emit = (result: object) => process.stdout.write(`BENCH ${JSON.stringify(result)}\n`);

async function main(): Promise<void> {
  const [command, a, b, c] = process.argv.slice(2);
  if (command === 'activation') emit({ type: 'activation', ...measureActivation(a, b) });
  else if (command === 'activations') emit({ type: 'activation', ...activationInFreshProcesses(a, b, Number(c)) });
  else if (command === 'eventloop') emit({ type: 'eventloop', ...(await measureHostEventLoop(a, b, Number(c))) });
  else if (command === 'memory') emit({ type: 'memory', ...(await measureTrainerMemory(a, JSON.parse(readFileSync(b, 'utf8')), Number(c))) });
  else throw new Error(`unknown host bench command ${command}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);
