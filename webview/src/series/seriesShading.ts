// A uPlot plugin that shades the flagged spans under the lines and marks where the validation tail starts. It counts
// the spans it shaded in the chart's `data-spans` attribute and says whether the tail's mark is in view in
// `data-validation-marked` (tests read them).
import type uPlot from 'uplot';
import type { FlaggedSpan } from '../../../src/protocol/series';
import { cssVar, mutedForeground } from '../shared/theme';

export interface Shading {
  spans: FlaggedSpan[];
  validationStart: number | null;
}

/** x of the edge between point i - 1 and point i (half a step before i), so a one-point span has a width. */
function edge(x: number[], i: number): number {
  if (x.length < 2) return x[0] ?? 0;
  if (i <= 0) return x[0] - (x[1] - x[0]) / 2;
  if (i >= x.length) return x[x.length - 1] + (x[x.length - 1] - x[x.length - 2]) / 2;
  return (x[i - 1] + x[i]) / 2;
}

export function shadingPlugin(shading: () => Shading, host: HTMLElement): uPlot.Plugin {
  const drawSpans = (u: uPlot) => {
    const x = u.data[0] as number[];
    const { left, top, width, height } = u.bbox;
    const ctx = u.ctx;
    let shaded = 0;
    ctx.save();
    ctx.fillStyle = cssVar('--vscode-editorError-foreground', '#f14c4c');
    ctx.globalAlpha = 0.2;
    for (const span of shading().spans) {
      const from = Math.max(left, u.valToPos(edge(x, span.start), 'x', true));
      const to = Math.min(left + width, u.valToPos(edge(x, span.end + 1), 'x', true));
      if (to <= from) continue;
      ctx.fillRect(from, top, Math.max(1, to - from), height);
      shaded++;
    }
    ctx.restore();
    host.dataset.spans = String(shaded);
  };
  const drawValidation = (u: uPlot) => {
    const start = shading().validationStart;
    const x = u.data[0] as number[];
    const at = start === null || start >= x.length ? NaN : u.valToPos(edge(x, start), 'x', true);
    const { left, top, width, height } = u.bbox;
    host.dataset.validationMarked = String(at >= left && at <= left + width);
    if (host.dataset.validationMarked === 'false') return;
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = mutedForeground();
    ctx.fillStyle = mutedForeground();
    ctx.setLineDash([4, 4]);
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(at, top);
    ctx.lineTo(at, top + height);
    ctx.stroke();
    ctx.font = `${Math.round(11 * devicePixelRatio)}px sans-serif`;
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    ctx.fillText('validation →', at + 4, top + 2);
    ctx.restore();
  };
  return { hooks: { drawClear: [drawSpans], draw: [drawValidation] } };
}
