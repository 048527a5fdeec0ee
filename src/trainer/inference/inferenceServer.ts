// Answers decode requests for the Generate views. Placeholder until the decoder server lands.
import type { HostToTrainer, TrainerToHost } from '../../protocol/trainerMessages';

export function handleInference(message: Extract<HostToTrainer, { type: 'decode' | 'serve' }>, send: (m: TrainerToHost) => void): void {
  if (message.type === 'decode') send({ type: 'decoded', requestId: message.requestId, error: 'decoding is not available yet' });
}
