// Evaluation: how well the run does its jobs (evaluation.json), each metric beside its baseline.
import type { Evaluation } from '../../../src/protocol/evaluation';
import { button, h, replaceChildren, section } from '../shared/dom';
import { formatCount, formatSeconds } from '../shared/format';
import { LazyRender } from '../shared/lazyRender';
import type { Store } from '../store';
import type { View } from '../app/view';
import { postToHost } from '../vscode';
import { anomalySection } from './anomalySection';
import { featuresSection } from './featuresSection';
import { reconstructionSection } from './reconstructionSection';
import type { RocChart } from './rocChart';
import { vaeSection } from './vaeSection';

export function evaluationView(store: Store): View {
  // Evaluate Run on the shown run: for runs made before evaluations, stopped runs, or after editing `evaluation`.
  const evaluate = () => {
    const run = store.data.run;
    if (run) postToHost({ type: 'EVALUATE_RUN', runId: run.runId });
  };
  const evaluateButton = button('Evaluate', 'checklist', evaluate);
  const againButton = button('Evaluate again', 'checklist', evaluate, true);
  const empty = h(
    'div',
    { className: 'evaluation-empty' },
    h('p', { className: 'empty-note' }, 'Evaluation appears when training ends (or run ', h('code', { text: 'aelab eval <run>' }), ').'),
    evaluateButton,
  );
  const header = h('div', { className: 'toolbar evaluation-header' });
  const body = h('div', { className: 'evaluation-body' });
  const element = h('div', { className: 'view evaluation-view' }, empty, body);
  let chart: RocChart | undefined;

  const render = new LazyRender(() => {
    const evaluation = store.data.evaluation;
    empty.hidden = !!evaluation;
    body.hidden = !evaluation;
    chart?.destroy();
    chart = undefined;
    if (!evaluation) return replaceChildren(body);
    const anomaly = evaluation.anomaly ? anomalySection(evaluation.anomaly) : undefined;
    chart = anomaly?.chart;
    replaceChildren(header, summary(evaluation), againButton);
    replaceChildren(
      body,
      header,
      reconstructionSection(evaluation),
      anomaly?.element,
      evaluation.features && featuresSection(evaluation.features),
      evaluation.vae && vaeSection(evaluation.vae),
      evaluation.notes.length ? section('Notes', h('ul', { className: 'evaluation-notes' }, ...evaluation.notes.map((note) => h('li', { text: note })))) : null,
    );
  });
  // Only a finished run that is not training can be evaluated.
  const updateButtons = () => {
    const run = store.data.run;
    const evaluable = !!run && !run.live && (run.status === 'completed' || run.status === 'stopped');
    evaluateButton.hidden = !evaluable;
    againButton.hidden = !evaluable;
  };
  store.on(['evaluation'], () => render.invalidate());
  store.on(['run'], updateButtons);
  updateButtons();
  return { element, setActive: (active) => render.setActive(active) };
}

function summary(e: Evaluation): HTMLElement {
  const set = e.set.kind === 'validation' ? 'the validation split' : (e.set.path ?? 'a given input');
  const text = `${e.kind} run ${e.runId}, evaluated on ${set}: ${formatCount(e.set.samples)} samples (training set: ${formatCount(e.set.trainSamples)}), code size ${e.latentDim}, ${formatSeconds(e.seconds)}.`;
  return h('p', { className: 'evaluation-summary', text });
}
