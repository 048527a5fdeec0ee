// Export Embeddings runs in a trainer process too: it loads the run's encoder and data, and writes the CSV.
import type * as vscode from 'vscode';
import type { TrainerLaunch } from './trainerLaunch';
import { TrainerProcess } from '../../host/trainerProcess';
import type { EmbedMessage } from '../../protocol/trainerMessages';

export interface EmbedResult {
  file: string | null;
  rows: number;
  error?: string;
}

export function runEmbedJob(
  launch: TrainerLaunch,
  message: Omit<EmbedMessage, 'type'>,
  log: vscode.LogOutputChannel,
): { result: Promise<EmbedResult>; cancel: () => void } {
  let exported: EmbedResult | undefined;
  const trainer = new TrainerProcess(
    { type: 'embed', ...message },
    {
      ...launch(),
      onMessage: (m) => {
        if (m.type === 'exported') exported = { file: m.file, rows: m.rows, error: m.error };
        if (m.type === 'log') log[m.level === 'warn' ? 'warn' : 'info'](m.message);
      },
      onInvalidMessage: (problem) => log.warn(problem),
    },
  );
  const result = trainer.exited.then((exit) => exported ?? { file: null, rows: 0, error: exit.error ?? 'the export process ended without writing a file' });
  return { result, cancel: () => trainer.kill('SIGTERM') };
}
