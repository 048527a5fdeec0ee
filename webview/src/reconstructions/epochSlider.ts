// The Reconstructions view's epoch slider over the run's reconstruction history: a native range input (arrow keys,
// Page Up/Down, Home and End work as everywhere), an "Epoch N of M" label and a play button that steps through the
// epochs. At the newest epoch it follows new epochs as they arrive; anywhere else it stays where the user put it.
import { button, h } from '../shared/dom';

const PLAY_STEP_MS = 400;

export class EpochSlider {
  private readonly input = h('input', { className: 'epoch-slider', attrs: { type: 'range', min: '0', max: '0', step: '1', value: '0', 'aria-label': 'Epoch' } });
  private readonly label = h('span', { className: 'epoch-slider-label' });
  private readonly play = button('Play', 'play', () => (this.timer ? this.pause() : this.startPlaying()), true);
  readonly element = h('div', { className: 'epoch-slider-bar' }, h('label', { className: 'slider-label' }, this.input, this.label), this.play);
  private epochs: number[] = [];
  private following = true;
  private timer = 0;

  /** `onPick` redraws the grid when the picked epoch changes. */
  constructor(private readonly onPick: () => void) {
    this.element.hidden = true;
    this.input.addEventListener('input', () => {
      this.pause();
      this.pick(Number(this.input.value));
    });
  }

  /** The history's epochs changed: keep the picked one, or move to the newest when the slider followed it. */
  setEpochs(epochs: number[]): void {
    const picked = this.following ? undefined : this.pickedEpoch();
    this.epochs = epochs;
    // One frame is nothing to slide over; old runs have none.
    this.element.hidden = epochs.length < 2;
    if (this.element.hidden) this.pause();
    const index = picked === undefined ? -1 : epochs.indexOf(picked);
    this.input.max = String(Math.max(0, epochs.length - 1));
    this.show(index < 0 ? epochs.length - 1 : index);
  }

  /** The epoch to show, or undefined for the newest (the live grid). */
  pickedEpoch(): number | undefined {
    return this.following || this.element.hidden ? undefined : this.epochs[Number(this.input.value)];
  }

  private pick(index: number): void {
    this.show(index);
    this.onPick();
  }

  private show(wanted: number): void {
    const last = this.epochs.length - 1;
    const index = Math.max(0, Math.min(wanted, last));
    this.following = index >= last;
    this.input.value = String(index);
    const text = last >= 0 ? `Epoch ${this.epochs[index]} of ${this.epochs[last]}` : '';
    this.label.textContent = text;
    this.input.setAttribute('aria-valuetext', text);
  }

  private startPlaying(): void {
    // From the start when at the newest epoch, else on from where the slider is.
    if (this.following) this.pick(0);
    this.play.textContent = 'Pause';
    this.play.icon = 'debug-pause';
    this.timer = window.setInterval(() => {
      this.pick(Number(this.input.value) + 1);
      // Also when a new epoch thinned the history under the played one and the slider jumped to the newest.
      if (this.following) this.pause();
    }, PLAY_STEP_MS);
  }

  private pause(): void {
    if (!this.timer) return;
    window.clearInterval(this.timer);
    this.timer = 0;
    this.play.textContent = 'Play';
    this.play.icon = 'play';
  }
}
