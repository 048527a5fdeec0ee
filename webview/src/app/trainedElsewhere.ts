// A run another engine trained (an exported PyTorch script writes our run folder) has curves but no tfjs model: the
// tabs that show what the model computes say so in place of their content, instead of waiting for data that never
// comes or asking the host to load a model that is not there.
import type { DashboardView } from '../../../src/protocol/dashboardMessages';
import { otherEngineOf } from '../../../src/protocol/trainedElsewhere';
import { h } from '../shared/dom';
import type { Store } from '../store';

/** The tabs that need the run's tfjs model or what the trainer computed with it (views, evaluation.json). */
const NEEDS_TFJS_MODEL: ReadonlySet<DashboardView> = new Set<DashboardView>(['reconstructions', 'latent', 'generate', 'anomalies', 'series', 'audio', 'tryit', 'evaluation']);

/** The engine that trained the shown run ("PyTorch"), or undefined for ours. */
export function shownRunEngine(store: Store): string | undefined {
  const run = store.data.run;
  return run ? otherEngineOf(run.backend) : undefined;
}

/** Whether the tab `view` shows the notice rather than its content for the shown run. */
export function blockedForShownRun(store: Store, view: DashboardView): boolean {
  return NEEDS_TFJS_MODEL.has(view) && shownRunEngine(store) !== undefined;
}

/** The notice of tab `view` (titled `title`), shown in place of `content` while the shown run has no tfjs model. */
export function trainedElsewhereNotice(store: Store, view: DashboardView, title: string, content: HTMLElement): HTMLElement {
  const notice = h('p', { className: 'empty-note trained-elsewhere' });
  const update = () => {
    const engine = blockedForShownRun(store, view) ? shownRunEngine(store) : undefined;
    notice.hidden = !engine;
    content.hidden = !!engine;
    if (engine) notice.textContent = `This run was trained by ${engine}, outside Autoencoder Lab, and has no tfjs model: ${title} needs one. Its loss curves are in Curves and Compare.`;
  };
  store.on(['run'], update);
  update();
  return notice;
}
