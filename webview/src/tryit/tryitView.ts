// Try it: run one sample through a finished run's saved model. The user picks a file (the host shows the dialog and
// keeps the path) or, for small grayscale image runs, draws one; the trainer answers with the reconstruction, the
// error map, the anomaly score against the run's threshold and the nearest training samples.
import { button, emptyNote, h, replaceChildren, section } from '../shared/dom';
import { LazyRender } from '../shared/lazyRender';
import type { Store } from '../store';
import type { View } from '../app/view';
import { tryItAvailability } from './availability';
import { DrawingPad } from './drawingPad';
import { probePickedFile, probePixels, type ProbeAnswer } from './probeClient';
import { probeResultView } from './probeResultView';

export function tryitView(store: Store): View {
  const unavailable = emptyNote('');
  const status = h('span', { className: 'probe-status' });
  const pick = button('Choose a file…', 'folder-opened', () => void show(probePickedFile()));
  const pad = new DrawingPad((pixels) => {
    const shape = store.data.run?.sampleShape;
    if (shape) void show(probePixels(pixels, shape));
  });
  const drawing = section('Or draw one', h('p', { className: 'hint', text: 'Draw with the mouse or a pen; each stroke is scaled to the run’s sample size and tried.' }), pad.element);
  const result = h('div', { className: 'probe-result-slot' });
  const body = h('div', { className: 'tryit-body' }, h('div', { className: 'toolbar' }, pick, status), h('div', { className: 'tryit-columns' }, drawing, result));
  const element = h('div', { className: 'view tryit-view' }, unavailable, body);
  let latest: Promise<ProbeAnswer> | undefined;

  const show = async (answer: Promise<ProbeAnswer>) => {
    latest = answer;
    setStatus('Trying…', false);
    const settled = await answer;
    // Only the newest request's answer counts; a slower earlier one is dropped.
    if (latest !== answer) return;
    if ('cancelled' in settled) return setStatus('', false);
    if ('error' in settled) return setStatus(settled.error, true);
    setStatus('', false);
    replaceChildren(result, probeResultView(settled.result, settled.source, store.data.run?.sampleShape ?? []));
  };
  const setStatus = (text: string, isError: boolean) => {
    status.textContent = text;
    status.classList.toggle('error', isError);
  };

  const render = new LazyRender(() => {
    const availability = tryItAvailability(store.data.run);
    unavailable.hidden = availability.ok;
    body.hidden = !availability.ok;
    if (!availability.ok) {
      unavailable.textContent = availability.reason;
      return;
    }
    drawing.hidden = !availability.canDraw;
    const [height, width] = store.data.run!.sampleShape;
    if (availability.canDraw) pad.setShape(height, width);
  });
  let shownRun: string | undefined;
  store.on(['run'], () => {
    render.invalidate();
    // Another run: its answers no longer apply.
    if (store.data.run?.runId === shownRun) return;
    shownRun = store.data.run?.runId;
    latest = undefined;
    replaceChildren(result);
    setStatus('', false);
    pad.clear();
  });
  return { element, setActive: (active) => render.setActive(active) };
}
