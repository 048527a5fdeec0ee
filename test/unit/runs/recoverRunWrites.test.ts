// What a writer killed mid-write leaves behind is tidied before a run is resumed: a folder swapped aside is put back,
// temp files of dead processes go, and temp files of living writers stay.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverRunWrites } from '../../../src/runs/atomicWrite';
import { hasCheckpoint } from '../../../src/runs/checkpointFiles';
import { runNode } from '../../helpers/runNode';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const pid = spawnSync('true').pid;
  if (!pid) throw new Error('could not start `true`');
  return pid;
}

describe('recoverRunWrites', () => {
  it('puts back a checkpoint swapped aside by a dead writer and removes dead temp files, keeping live ones', () => {
    const runDir = tempWorkspace('aelab-recover-');
    const dead = deadPid();
    mkdirSync(join(runDir, `checkpoint.${dead}.old`));
    writeFileSync(join(runDir, `checkpoint.${dead}.old`, 'checkpoint.json'), '{"epoch":3}');
    mkdirSync(join(runDir, `model.${dead}.tmp`));
    writeFileSync(join(runDir, `.summary.json.${dead}.tmp`), '{"half');
    writeFileSync(join(runDir, `.metrics.jsonl.${process.pid}.tmp`), 'being written');
    expect(hasCheckpoint(runDir)).toBe(true);

    const done = recoverRunWrites(runDir);

    expect(readFileSync(join(runDir, 'checkpoint', 'checkpoint.json'), 'utf8')).toBe('{"epoch":3}');
    expect(existsSync(join(runDir, `model.${dead}.tmp`))).toBe(false);
    expect(existsSync(join(runDir, `.summary.json.${dead}.tmp`))).toBe(false);
    expect(existsSync(join(runDir, `.metrics.jsonl.${process.pid}.tmp`))).toBe(true);
    expect(done).toHaveLength(3);
    expect(done.join('\n')).toContain(`restored checkpoint/ from checkpoint.${dead}.old`);
  });

  it('never replaces a folder that exists: the stale copy is removed instead', () => {
    const runDir = tempWorkspace('aelab-recover-both-');
    const dead = deadPid();
    mkdirSync(join(runDir, 'checkpoint'));
    writeFileSync(join(runDir, 'checkpoint', 'checkpoint.json'), 'new');
    mkdirSync(join(runDir, `checkpoint.${dead}.old`));
    writeFileSync(join(runDir, `checkpoint.${dead}.old`, 'checkpoint.json'), 'old');
    recoverRunWrites(runDir);
    expect(readFileSync(join(runDir, 'checkpoint', 'checkpoint.json'), 'utf8')).toBe('new');
    expect(existsSync(join(runDir, `checkpoint.${dead}.old`))).toBe(false);
  });

  it('aelab resume continues a run whose trainer was killed between the two renames of a checkpoint swap', async () => {
    const workspace = tempWorkspace('aelab-recover-cli-');
    writeExperiment(workspace, { name: 'swap', training: { epochs: 1, batchSize: 64, learningRate: 0.002, seed: 7 } });
    const first = await runNode([CLI_SCRIPT, 'train', 'swap.ae.json', '--backend', 'cpu', '--json'], { cwd: workspace });
    expect(first.status).toBe(0);
    const runDir = join(workspace, '.aelab', 'runs', JSON.parse(first.stdout).runId);
    renameSync(join(runDir, 'checkpoint'), join(runDir, `checkpoint.${deadPid()}.old`));

    const resumed = await runNode([CLI_SCRIPT, 'resume', runDir, '--epochs', '2', '--backend', 'cpu', '--json'], { cwd: workspace });

    expect(resumed.stderr).not.toContain('has no checkpoint');
    expect(resumed.status).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ status: 'completed', epochs: 2 });
    expect(readFileSync(join(runDir, 'log.txt'), 'utf8')).toContain('restored checkpoint/ from checkpoint.');
  });
});
