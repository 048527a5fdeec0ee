// The line above the charts: epoch x/N, a per-batch progress bar within the epoch, epoch time and throughput.
import type { DashboardData } from '../../../src/protocol/dashboardMessages';
import { h } from '../shared/dom';
import { formatCount, formatLoss, formatSeconds } from '../shared/format';

export class EpochProgress {
  readonly element: HTMLElement;
  private readonly label = h('span', { className: 'progress-label' });
  private readonly bar = h('vscode-progress-bar', { className: 'batch-progress' });
  private readonly stats = h('span', { className: 'progress-stats' });

  constructor() {
    this.element = h('div', { className: 'epoch-progress' }, this.label, this.bar, this.stats);
  }

  update({ run, progress, metrics }: Pick<DashboardData, 'run' | 'progress' | 'metrics'>): void {
    const last = metrics.at(-1);
    const planned = run?.epochsPlanned ?? 0;
    const epoch = progress ? progress.epoch : (last?.epoch ?? 0);
    const batch = progress ? ` · batch ${progress.batch}/${progress.batches}` : '';
    const loss = progress?.loss !== undefined ? ` · loss ${formatLoss(progress.loss)}` : '';
    this.label.textContent = run ? `Epoch ${epoch}/${planned}${batch}${loss}` : 'No run yet';
    this.bar.max = progress?.batches || 1;
    this.bar.value = progress ? progress.batch : run && !run.live ? 1 : 0;
    this.bar.hidden = !run?.live;
    this.stats.textContent = last ? `last epoch ${formatSeconds(last.seconds)} · ${formatCount(last.samples_per_second)} samples/s${last.threads && last.threads > 1 ? ` on ${last.threads} threads` : ''}` : '';
  }
}
