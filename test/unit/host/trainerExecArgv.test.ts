// AELAB_TRAINER_INSPECT=<port> makes the forked trainer listen for a debugger (launch.json's "Attach to Trainer").
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRAINER_INSPECT_ENV, trainerExecArgv } from '../../../src/host/trainerExecArgv';
import { tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { startTrainer } from '../../helpers/runTrainer';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('trainerExecArgv', () => {
  it("keeps Node's default (the parent's execArgv) when the variable is unset or blank", () => {
    expect(trainerExecArgv({}, ['--enable-source-maps'])).toBeUndefined();
    expect(trainerExecArgv({ [TRAINER_INSPECT_ENV]: ' ' }, ['--enable-source-maps'])).toBeUndefined();
  });

  it("adds --inspect on the loopback port and drops the parent's own inspector flags", () => {
    const parent = ['--enable-source-maps', '--inspect-brk=9229', '--inspect', '--inspect-port=4000', '--max-old-space-size=4096'];
    expect(trainerExecArgv({ [TRAINER_INSPECT_ENV]: '9230' }, parent)).toEqual(['--enable-source-maps', '--max-old-space-size=4096', '--inspect=127.0.0.1:9230']);
  });

  it.each(['abc', '0', '65536', '92 29', '9229.5', '-1'])("ignores %j with a warning naming the variable and what it expects", (value) => {
    const warnings: string[] = [];
    expect(trainerExecArgv({ [TRAINER_INSPECT_ENV]: value }, ['--enable-source-maps'], (message) => warnings.push(message))).toBeUndefined();
    expect(warnings).toEqual([`${TRAINER_INSPECT_ENV} must be a port number from 1 to 65535 for the trainer's debugger, got "${value}"; the trainer runs without one`]);
  });

  it('makes the real trainer child listen for a debugger on that port while it trains', async () => {
    const port = await freePort();
    const workspace = tempWorkspace();
    const file = writeExperiment(workspace, { name: 'inspected', training: { epochs: 200, batchSize: 64, learningRate: 0.002, seed: 7 } });
    let targets: Promise<{ url: string }[]> | undefined;
    const { exited } = startTrainer(
      { experimentFile: file, runsDir: join(workspace, '.aelab', 'runs'), overrides: { backend: 'cpu' } },
      (message, trainer) => {
        if (message.type !== 'started') return;
        // The inspector answers HTTP on its own thread, so the busy trainer still lists itself.
        targets = fetch(`http://127.0.0.1:${port}/json/list`).then((response) => response.json() as Promise<{ url: string }[]>);
        void targets.finally(() => trainer.stop());
      },
      { ...process.env, [TRAINER_INSPECT_ENV]: String(port) },
    );
    const exit = await exited;
    expect(targets, 'the trainer never reported "started"').toBeDefined();
    expect((await targets!).map((target) => target.url)).toEqual([expect.stringMatching(/\/dist\/trainer\.js$/)]);
    expect(exit.summary?.status).toBe('stopped');
  });
});
