// The interactive scatter: owns the viewport, the two canvas layers, hover and picking.
import type { ValidationSamples } from '../../../src/protocol/dashboardMessages';
import { h } from '../shared/dom';
import { observeSize } from '../shared/observeSize';
import type { PreparedScatter } from './scatterData';
import { attachScatterInteraction } from './scatterInteraction';
import { ScatterLayers } from './scatterLayers';
import { Tooltip } from './tooltip';
import { Viewport } from './viewport';

const HOVER_RADIUS_PX = 8;

export class LatentScatter {
  readonly element: HTMLElement;
  private readonly layers = new ScatterLayers();
  private readonly tooltip = new Tooltip();
  private readonly viewport = new Viewport();
  private data: PreparedScatter | undefined;
  private samples: ValidationSamples | null = null;
  private labelNames: string[] | undefined;
  private picks: number[] = [];
  private neighbors: number[] = [];
  private hovered = -1;
  private keepAspect = false;
  private size = { width: 0, height: 0 };
  private fitted = false;
  /** Set once the user pans or zooms, so new epochs keep their view instead of refitting. */
  private userMoved = false;
  private frame = 0;

  constructor(private readonly onPick: (index: number) => void) {
    this.element = h('div', { className: 'latent-canvas' }, this.layers.element, this.tooltip.element);
    observeSize(this.element, (width, height) => {
      this.size = { width, height };
      this.layers.resize(width, height);
      if (!this.fitted) this.fit();
      this.drawAll();
    });
    attachScatterInteraction(this.element, {
      onPan: (dx, dy) => this.change(() => this.viewport.pan(dx, dy), true),
      onZoom: (x, y, factor) => this.change(() => this.viewport.zoomAt(x, y, factor), true),
      onHover: (x, y) => this.hover(x, y),
      onLeave: () => this.hover(-1, -1),
      onClick: (x, y) => {
        const index = this.pointAt(x, y);
        if (index >= 0) this.onPick(index);
      },
      onReset: () => this.change(() => this.fit(), false),
    });
  }

  /** keepAspect: the points are the code itself (2-D latent), so distances must not be distorted. */
  setData(data: PreparedScatter, samples: ValidationSamples | null, labelNames: string[] | undefined, refit: boolean, keepAspect: boolean): void {
    Object.assign(this, { data, samples, labelNames, keepAspect });
    if (refit || !this.userMoved) this.fit();
    this.hovered = -1;
    this.tooltip.hide();
    this.drawAll();
  }

  /** The picked points and the nearest neighbours of the newest one, both highlighted. */
  setPicks(picks: number[], neighbors: number[] = []): void {
    this.picks = picks;
    this.neighbors = neighbors;
    this.drawOverlay();
  }

  private fit(): void {
    if (!this.data || this.size.width === 0) return;
    this.viewport.fit(this.data.points, this.data.count, this.size.width, this.size.height, this.keepAspect);
    this.fitted = true;
  }

  /** Pan and zoom redraw at most once per frame however fast the wheel spins. */
  private change(update: () => void, moved: boolean): void {
    update();
    this.userMoved = moved;
    this.tooltip.hide();
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.drawAll();
    });
  }

  private pointAt(x: number, y: number): number {
    if (!this.data || x < 0) return -1;
    const [wx, wy] = this.viewport.toWorld(x, y);
    const { hidden, labels } = this.data;
    const [rx, ry] = [HOVER_RADIUS_PX / this.viewport.scaleX, HOVER_RADIUS_PX / this.viewport.scaleY];
    return this.data.grid.nearest(wx, wy, rx, ry, (i) => !labels || !hidden.has(labels[i]));
  }

  private hover(x: number, y: number): void {
    const index = this.pointAt(x, y);
    if (index !== this.hovered) {
      this.hovered = index;
      this.drawOverlay();
    }
    if (index < 0) return this.tooltip.hide();
    const label = this.data?.labels?.[index];
    const name = label === undefined ? undefined : (this.labelNames?.[label] ?? String(label));
    this.tooltip.show(index, this.samples, name, x, y, this.size);
  }

  private drawAll(): void {
    if (!this.data || this.size.width === 0) return;
    this.layers.drawPoints(this.data, this.viewport, this.data.labels !== undefined);
    this.drawOverlay();
  }

  private drawOverlay(): void {
    if (this.data) this.layers.drawOverlay(this.data.points, this.viewport, this.hovered, this.picks, this.neighbors);
  }
}
