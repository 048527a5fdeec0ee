// The aelab CLI's contract: exit 0 on success, 2 on bad input with a message naming the file and field.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNode } from '../helpers/runNode';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../helpers/experimentFiles';

function aelab(args: string[], cwd: string) {
  return runNode([CLI_SCRIPT, ...args], { cwd });
}

describe('aelab CLI', () => {
  it('trains and prints summary.json with --json, exit 0', async () => {
    const workspace = tempWorkspace();
    writeExperiment(workspace, { name: 'cli-ok' });
    const result = await aelab(['train', 'cli-ok.ae.json', '--epochs', '1', '--json', '--backend', 'cpu'], workspace);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ status: 'completed', backend: 'cpu (pure JavaScript)', epochs: 1 });
    expect(Number.isFinite(summary.final.val_loss)).toBe(true);
    expect(existsSync(join(workspace, '.aelab', 'runs', summary.runId, 'summary.json'))).toBe(true);
  });

  it('prints plain progress lines with throughput when not on a TTY', async () => {
    const workspace = tempWorkspace();
    writeExperiment(workspace, { name: 'cli-lines' });
    const result = await aelab(['train', 'cli-lines.ae.json', '--runs-dir', 'out'], workspace);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/epoch 1\/2 · loss \d\.\d{4} · val_loss \d\.\d{4} · .* samples\/s/);
    expect(result.stderr).toMatch(/run folder: .*out/);
  });

  it('trains on the thread count --threads asks for and says so', async () => {
    const workspace = tempWorkspace();
    writeExperiment(workspace, { name: 'cli-threads', training: { epochs: 1, batchSize: 128, learningRate: 0.002, seed: 7 } });
    const two = await aelab(['train', 'cli-threads.ae.json', '--threads', '2', '--backend', 'wasm'], workspace);
    expect(two.status).toBe(0);
    expect(two.stderr).toMatch(/samples\/s on 2 threads/);
    const one = await aelab(['train', 'cli-threads.ae.json', '--threads', '1', '--backend', 'wasm', '--json'], workspace);
    expect(JSON.parse(one.stdout).final.threads).toBe(1);
  });

  it('exits 2 for a --threads outside 1-4, saying what it expected', async () => {
    const workspace = tempWorkspace();
    writeExperiment(workspace, { name: 'cli-many' });
    const result = await aelab(['train', 'cli-many.ae.json', '--threads', '9'], workspace);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('expected a whole number from 1 to 4, got "9"');
  });

  it('exits 2 naming the file and field for an invalid experiment', async () => {
    const workspace = tempWorkspace();
    writeFileSync(join(workspace, 'bad.ae.json'), JSON.stringify({ name: 'bad', kind: 'deep', data: { source: 'builtin:mnist' }, training: { epochs: -1 } }));
    const result = await aelab(['train', 'bad.ae.json'], workspace);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('bad.ae.json');
    expect(result.stderr).toContain('training.epochs');
  });

  it('exits 2 for a missing experiment file and for a bad flag', async () => {
    const workspace = tempWorkspace();
    const missing = await aelab(['train', 'nope.ae.json'], workspace);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.ae.json');
    const badFlag = await aelab(['train', 'nope.ae.json', '--epochs', 'many'], workspace);
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toContain('--epochs');
  });

  it('exits 2 when the data does not fit the experiment, naming the field', async () => {
    const workspace = tempWorkspace();
    writeExperiment(workspace, { name: 'big-batch', training: { batchSize: 100000 } });
    const result = await aelab(['train', 'big-batch.ae.json'], workspace);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('training.batchSize');
  });

  it('scaffolds an experiment with `new`, and refuses an unknown kind', async () => {
    const workspace = tempWorkspace();
    const ok = await aelab(['new', 'deep', 'my-first'], workspace);
    expect(ok.status).toBe(0);
    const written = JSON.parse(readFileSync(join(workspace, 'experiments', 'my-first.ae.json'), 'utf8'));
    expect(written).toMatchObject({ name: 'my-first', kind: 'deep', data: { source: 'builtin:mnist' } });
    expect(written.comment).toContain('Keras');
    const bad = await aelab(['new', 'gan'], workspace);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown kind or template "gan"');
  });
});
