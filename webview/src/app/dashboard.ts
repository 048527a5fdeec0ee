// The panel: run header plus one tab per view. Only the visible tab renders.
import type { DashboardView } from '../../../src/protocol/dashboardMessages';
import { anomaliesView } from '../anomalies/anomaliesView';
import { audioView } from '../audio/audioView';
import { compareView } from '../compare/compareView';
import { curvesView } from '../curves/curvesView';
import { evaluationView } from '../evaluation/evaluationView';
import { experimentsView } from '../experiments/experimentsView';
import { generateView } from '../generate/generateView';
import { latentView } from '../latent/latentView';
import { reconstructionsView } from '../reconstructions/reconstructionsView';
import { seriesView } from '../series/seriesView';
import { tryitView } from '../tryit/tryitView';
import { h } from '../shared/dom';
import type { Store } from '../store';
import { runHeader } from './runHeader';
import { blockedForShownRun, trainedElsewhereNotice, VIEW_NOTICE_KEYS } from './trainedElsewhere';
import type { View } from './view';

const TITLES: Record<DashboardView, string> = {
  curves: 'Curves',
  reconstructions: 'Reconstructions',
  latent: 'Latent space',
  generate: 'Generate',
  anomalies: 'Anomalies',
  series: 'Series',
  audio: 'Audio',
  tryit: 'Try it',
  evaluation: 'Evaluation',
  compare: 'Compare',
  experiments: 'Experiments',
};

const FACTORIES: Record<DashboardView, (store: Store) => View> = {
  curves: curvesView,
  reconstructions: reconstructionsView,
  latent: latentView,
  generate: generateView,
  anomalies: anomaliesView,
  series: seriesView,
  audio: audioView,
  tryit: tryitView,
  evaluation: evaluationView,
  compare: compareView,
  experiments: experimentsView,
};

/** Tabs offered only when the run has their data; the others are always offered. */
const OFFERED: Partial<Record<DashboardView, (store: Store) => boolean>> = {
  series: (store) => !!store.data.series,
  audio: (store) => !!store.data.audioClips,
};

// Types only from the protocol: importing its values would pull zod into the webview bundle.
const VIEW_ORDER = Object.keys(TITLES) as DashboardView[];

export function mountDashboard(root: HTMLElement, store: Store): void {
  const views = VIEW_ORDER.map((name) => ({ name, view: FACTORIES[name](store) }));
  const tabs = h('vscode-tabs', { className: 'dashboard-tabs' });
  const headers = new Map<DashboardView, HTMLElement>();
  for (const { name, view } of views) {
    const header = h('vscode-tab-header', { text: TITLES[name], attrs: { slot: 'header', 'data-view': name } });
    headers.set(name, header);
    tabs.append(header, h('vscode-tab-panel', { attrs: { 'data-view': name } }, trainedElsewhereNotice(store, name, TITLES[name], view.element), view.element));
  }
  // A header is hidden rather than removed, so tab indices stay those of VIEW_ORDER.
  const offer = () => headers.forEach((header, name) => header.classList.toggle('tab-not-offered', OFFERED[name]?.(store) === false));
  store.on(['series', 'audioClips'], offer);
  offer();
  tabs.addEventListener('vsc-tabs-select', (event) => {
    const view = VIEW_ORDER[event.detail.selectedIndex];
    if (view && view !== store.ui.view) store.setUi({ view });
  });
  const show = () => {
    const index = VIEW_ORDER.indexOf(store.ui.view);
    if (tabs.selectedIndex !== index) tabs.selectedIndex = index;
    // A tab showing the trained-elsewhere notice stays inactive: its view would only ask for what the run lacks.
    views.forEach(({ name, view }) => view.setActive(name === store.ui.view && !blockedForShownRun(store, name)));
    document.body.dataset.activeView = store.ui.view;
  };
  store.on(['view', 'run', ...VIEW_NOTICE_KEYS], show);
  root.append(runHeader(store), tabs);
  show();
}
