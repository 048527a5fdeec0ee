// A run another engine trained (an exported PyTorch script writes our run folder) has curves, a tfjs model only when
// its script wrote one back, and the views our trainer records each epoch only once it has been evaluated (its first
// evaluation makes them): the tabs that need what it lacks say so in place of their content, instead of waiting for
// data that never comes or asking the host for a model that is not there.
import type { DashboardData, DashboardView, RunInfo } from '../../../src/protocol/dashboardMessages';
import { otherEngineOf } from '../../../src/protocol/trainedElsewhere';
import { h } from '../shared/dom';
import type { Store } from '../store';

/** The tabs that draw what our trainer records each epoch (views/), which another engine never writes, and their data. */
const NEEDS_OUR_VIEWS: ReadonlyMap<DashboardView, keyof DashboardData> = new Map<DashboardView, keyof DashboardData>([
  ['reconstructions', 'reconstructions'],
  ['latent', 'latent'],
  ['anomalies', 'errors'],
  ['series', 'series'],
  ['audio', 'audioClips'],
]);
/** The data keys whose arrival can lift a notice. */
export const VIEW_NOTICE_KEYS = [...new Set(NEEDS_OUR_VIEWS.values())];
/** The tabs that use the run's tfjs model (served by the trainer, or evaluated). */
const NEEDS_TFJS_MODEL: ReadonlySet<DashboardView> = new Set<DashboardView>(['generate', 'tryit', 'evaluation']);

/** The engine that trained the shown run ("PyTorch"), or undefined for ours. */
function shownRunEngine(store: Store): string | undefined {
  const run = store.data.run;
  return run ? otherEngineOf(run.backend) : undefined;
}

/** What tab `view` lacks for a run another engine trained: its tfjs model, or the views our trainer records; undefined when nothing. */
function lacking(run: RunInfo, data: DashboardData, view: DashboardView): 'model' | 'views' | undefined {
  const viewKey = NEEDS_OUR_VIEWS.get(view);
  if (!NEEDS_TFJS_MODEL.has(view) && !viewKey) return undefined;
  if (!run.tfjsModel) return 'model';
  return viewKey && data[viewKey] === null ? 'views' : undefined;
}

function noticeText(engine: string, title: string, lacks: 'model' | 'views'): string {
  return lacks === 'model'
    ? `This run was trained by ${engine}, outside Autoencoder Lab, and has no tfjs model: ${title} needs one. Its loss curves are in Curves and Compare.`
    : `This run was trained by ${engine}, outside Autoencoder Lab: ${title} shows what Autoencoder Lab's trainer records each epoch, which Evaluate Run makes once for this run. Its tfjs model is in Generate, Try it and Evaluation; its loss curves are in Curves and Compare.`;
}

/** What tab `view` lacks for the shown run: undefined for our runs and for tabs that have what they need. */
function shownRunLacks(store: Store, view: DashboardView): { engine: string; lacks: 'model' | 'views' } | undefined {
  const { run } = store.data;
  const engine = shownRunEngine(store);
  if (!run || engine === undefined) return undefined;
  const lacks = lacking(run, store.data, view);
  return lacks && { engine, lacks };
}

/** Whether the tab `view` shows the notice rather than its content for the shown run. */
export function blockedForShownRun(store: Store, view: DashboardView): boolean {
  return shownRunLacks(store, view) !== undefined;
}

/** The notice of tab `view` (titled `title`), shown in place of `content` while the shown run lacks what it needs. */
export function trainedElsewhereNotice(store: Store, view: DashboardView, title: string, content: HTMLElement): HTMLElement {
  const notice = h('p', { className: 'empty-note trained-elsewhere' });
  const update = () => {
    const missing = shownRunLacks(store, view);
    notice.hidden = !missing;
    content.hidden = !!missing;
    if (missing) notice.textContent = noticeText(missing.engine, title, missing.lacks);
  };
  store.on(['run', ...VIEW_NOTICE_KEYS], update);
  update();
  return notice;
}
