// The runs of the runs folder as checkboxes; checking runs asks the host to compare them.
import type { RunListItem } from '../../../src/protocol/dashboardMessages';
import { emptyNote, h, replaceChildren } from '../shared/dom';
import { formatLoss } from '../shared/format';

export function renderRunPicker(container: HTMLElement, runs: RunListItem[], selected: string[], onChange: (ids: string[]) => void): void {
  // A damaged run has no readable summary or metrics to compare; the Runs tree says what is wrong with it.
  const comparable = runs.filter((run) => run.status !== 'damaged');
  if (!comparable.length) return replaceChildren(container, emptyNote('No runs in the runs folder yet.'));
  const boxes = comparable.map((run) => {
    const box = h('vscode-checkbox', { className: 'run-checkbox', attrs: { 'data-run-id': run.runId } });
    box.label = `${run.name} · ${run.kind} · ${run.status} · ${run.epochs}/${run.epochsPlanned} epochs · best val ${formatLoss(run.bestValLoss)}`;
    box.checked = selected.includes(run.runId);
    box.title = run.runId;
    box.addEventListener('change', () => onChange(boxes.filter((b) => b.checked).map((b) => b.dataset.runId!)));
    return box;
  });
  replaceChildren(container, ...boxes);
}
