// The side view: the live run at a glance, with Stop and a way into the dashboard.
import { runStatusText, statusIcon } from '../app/runHeader';
import { EpochProgress } from '../curves/epochProgress';
import { button, h } from '../shared/dom';
import { formatLoss } from '../shared/format';
import type { Store } from '../store';
import { postToHost } from '../vscode';
import { MiniCurve } from './miniCurve';

export function mountSidebar(root: HTMLElement, store: Store): void {
  const icon = h('span', { className: 'run-icon' });
  const title = h('div', { className: 'sidebar-title' });
  const progress = new EpochProgress();
  const losses = h('div', { className: 'sidebar-losses' });
  const curve = new MiniCurve();
  const stop = button('Stop', 'debug-stop', () => postToHost({ type: 'STOP_RUN' }));
  const open = button('Open Dashboard', 'graph-line', () => postToHost({ type: 'OPEN_DASHBOARD' }), true);
  const update = () => {
    const { run, metrics } = store.data;
    icon.replaceChildren(statusIcon(run));
    title.textContent = runStatusText(run);
    progress.update(store.data);
    const last = metrics.at(-1);
    losses.textContent = last ? `loss ${formatLoss(last.loss)} · val ${formatLoss(last.val_loss)}` : '';
    curve.update(metrics);
    stop.hidden = !run?.live;
  };
  store.on(['run', 'metrics', 'progress'], update);
  root.append(h('div', { className: 'sidebar' }, h('div', { className: 'sidebar-head' }, icon, title), progress.element, losses, curve.canvas, h('div', { className: 'sidebar-actions' }, stop, open)));
  update();
}
