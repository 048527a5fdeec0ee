// Keys of an epoch's metrics that describe the epoch rather than a loss; every other key is a loss component.
// Kept free of imports so the webview bundle can use it.
/** What an epoch trained with (training aids): the learning rate, and the KL weight for the VAE kinds. */
export const SCHEDULE_STATS = ['lr', 'beta'] as const;
const EPOCH_STATS = new Set<string>(['epoch', 'loss', 'val_loss', 'seconds', 'samples_per_second', 'threads', ...SCHEDULE_STATS]);

export function isLossComponent(key: string): boolean {
  return !EPOCH_STATS.has(key);
}
