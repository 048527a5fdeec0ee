// `aelab` on a run folder the exported PyTorch script wrote: `aelab runs` lists it with its status and engine, and
// every command that needs a tfjs model refuses it with exit code 2, saying it was trained by PyTorch, and leaves the
// folder as it was.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { deadOwnerOnThisHost, writePytorchRunFolder } from '../../helpers/pytorchRunFolder';
import { runNode } from '../../helpers/runNode';

const aelab = (args: string[], cwd: string) => runNode([CLI_SCRIPT, ...args], { cwd });
const IMAGE = join(__dirname, '..', '..', 'fixtures', 'images-small', 'circle', '00.png');

describe('aelab on a run trained by PyTorch', () => {
  it('aelab runs lists it as the readers show it: completed, or interrupted when its owner is dead; never resumable', async () => {
    const workspace = tempWorkspace('aelab-pt-cli-runs-');
    writePytorchRunFolder(join(workspace, 'runs'), { runId: 'pt-done', startedAt: '2026-12-01T07:00:00.000Z', worldSize: 2 });
    writePytorchRunFolder(join(workspace, 'runs'), { runId: 'pt-dead', status: 'running', epochs: 1, epochsPlanned: 4, owner: deadOwnerOnThisHost(), startedAt: '2026-12-01T06:00:00.000Z' });
    const listed = await aelab(['runs', '--runs-dir', 'runs', '--json'], workspace);
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { runId: 'pt-done', status: 'completed', epochs: 2, resumable: false, trainedBy: 'PyTorch' },
      { runId: 'pt-dead', status: 'interrupted', epochs: 1, epochsPlanned: 4, resumable: false, trainedBy: 'PyTorch' },
    ]);
    const table = await aelab(['runs', '--runs-dir', 'runs'], workspace);
    expect(table.stdout).toMatch(/^pt-dead\s+interrupted\s+deep\s+1\/4\s+[\d.]+\s+trained by PyTorch: curves and summary only, no tfjs model$/m);
  });

  it('resume, eval, score, export-embeddings and export-keras refuse it with exit code 2, naming the engine', async () => {
    const workspace = tempWorkspace('aelab-pt-cli-refuse-');
    const runDir = writePytorchRunFolder(join(workspace, 'runs'), { runId: 'pt-stopped', status: 'stopped', epochs: 1, epochsPlanned: 4 });
    const summary = readFileSync(join(runDir, 'summary.json'), 'utf8');
    const commands: [string, string[]][] = [
      ['resume it', ['resume', runDir, '--epochs', '5', '--backend', 'cpu']],
      ['apply, evaluate or serve it', ['eval', runDir, '--backend', 'cpu']],
      ['apply, evaluate or serve it', ['score', runDir, IMAGE, '--out', 'scores.csv', '--backend', 'cpu']],
      ['embed data with it', ['export-embeddings', runDir, '--out', 'codes.csv', '--backend', 'cpu']],
      ['export it', ['export-keras', runDir, '--out', 'train.py']],
    ];
    for (const [doing, args] of commands) {
      const result = await aelab(args, workspace);
      expect(result.status, `${args[0]}: ${result.stderr}`).toBe(2);
      expect(result.stderr, args[0]).toContain(`${runDir}: was trained by PyTorch (summary.json backend "pytorch") and has no tfjs model, so Autoencoder Lab cannot ${doing}`);
    }
    expect(readFileSync(join(runDir, 'summary.json'), 'utf8')).toBe(summary);
  });
});
