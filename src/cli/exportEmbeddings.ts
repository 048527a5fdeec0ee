// `aelab export-embeddings`: one CSV row of latent code per sample, computed by a trainer process.
import { join, resolve } from 'node:path';
import { TrainerProcess } from '../host/trainerProcess';
import type { BackendName } from '../protocol/experiment';

export async function exportEmbeddingsCommand(runDir: string, outFile: string, backend?: BackendName): Promise<number> {
  let result: { file: string | null; rows: number; error?: string; reason?: 'input' } | undefined;
  const trainer = new TrainerProcess(
    { type: 'embed', runDir: resolve(runDir), outFile: resolve(outFile), backend },
    { trainerScript: join(__dirname, 'trainer.js'), onMessage: (message) => message.type === 'exported' && (result = message) },
  );
  const exit = await trainer.exited;
  if (result?.file) {
    process.stderr.write(`wrote ${result.rows} embeddings to ${result.file}\n`);
    return 0;
  }
  process.stderr.write(`aelab export-embeddings: ${result?.error ?? exit.error ?? 'failed'}\n`);
  return result?.reason === 'input' ? 2 : 1;
}
