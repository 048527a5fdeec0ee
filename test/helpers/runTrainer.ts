// Drives the real bundled trainer child process (dist/trainer.js) and collects what it sends.
import { TrainerProcess, type TrainerExit } from '../../src/host/trainerProcess';
import type { StartMessage, TrainerToHost } from '../../src/protocol/trainerMessages';
import { TRAINER_SCRIPT } from './experimentFiles';

export interface TrainerRecording {
  trainer: TrainerProcess;
  messages: TrainerToHost[];
  exited: Promise<TrainerExit>;
}

export function startTrainer(start: Omit<StartMessage, 'type'>, onMessage?: (message: TrainerToHost, trainer: TrainerProcess) => void, env?: NodeJS.ProcessEnv): TrainerRecording {
  const messages: TrainerToHost[] = [];
  const recording = {} as TrainerRecording;
  recording.messages = messages;
  recording.trainer = new TrainerProcess(
    { type: 'start', ...start },
    {
      trainerScript: TRAINER_SCRIPT,
      env,
      onMessage: (message) => {
        messages.push(message);
        onMessage?.(message, recording.trainer);
      },
    },
  );
  recording.exited = recording.trainer.exited;
  return recording;
}
