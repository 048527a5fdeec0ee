// Keys of an epoch's metrics that describe the epoch rather than a loss; every other key is a loss component.
// Kept free of imports so the webview bundle can use it.
const EPOCH_STATS = new Set(['epoch', 'loss', 'val_loss', 'seconds', 'samples_per_second', 'threads']);

export function isLossComponent(key: string): boolean {
  return !EPOCH_STATS.has(key);
}
