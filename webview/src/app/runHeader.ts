// The line above the tabs: which run is shown, its status, and Stop while it trains.
import type { RunInfo } from '../../../src/protocol/dashboardMessages';
import { otherEngineOf } from '../../../src/protocol/trainedElsewhere';
import { button, h } from '../shared/dom';
import type { Store } from '../store';
import { postToHost } from '../vscode';

const STATUS_ICONS: Record<RunInfo['status'], string> = { running: 'sync~spin', completed: 'pass', stopped: 'debug-stop', failed: 'error', interrupted: 'debug-disconnect', damaged: 'warning' };

export function runStatusText(run: RunInfo | null): string {
  if (!run) return 'No run yet. Start one with "Autoencoder Lab: Train".';
  // Another engine's run says so by name ("trained by PyTorch"), ours name the tfjs backend.
  const engine = otherEngineOf(run.backend);
  return `${run.name} · ${run.kind} · ${run.status}${run.live ? '' : ` · ${run.epochs}/${run.epochsPlanned} epochs`} · ${engine ? `trained by ${engine}` : run.backend}`;
}

export function statusIcon(run: RunInfo | null): HTMLElement {
  const [name, spin] = (run ? STATUS_ICONS[run.status] : 'circle-large-outline').split('~');
  return h('span', { className: `codicon codicon-${name}${spin ? ' codicon-modifier-spin' : ''} status-${run?.status ?? 'none'}` });
}

export function runHeader(store: Store): HTMLElement {
  const icon = h('span', { className: 'run-icon' });
  const text = h('span', { className: 'run-title' });
  const error = h('div', { className: 'run-error' });
  const stop = button('Stop', 'debug-stop', () => postToHost({ type: 'STOP_RUN' }), true);
  const update = () => {
    const run = store.data.run;
    icon.replaceChildren(statusIcon(run));
    text.textContent = runStatusText(run);
    stop.hidden = !run?.live;
    error.textContent = run?.error ?? '';
    error.hidden = !run?.error;
  };
  store.on(['run'], update);
  update();
  return h('header', { className: 'run-header' }, h('div', { className: 'run-line' }, icon, text, stop), error);
}
