// Everything one probe answer shows: the sample next to its reconstruction and error, its score against the
// threshold, and the nearest training samples.
import type { ProbeResult } from '../../../src/protocol/dashboardMessages';
import { h, section } from '../shared/dom';
import { featurePlot } from '../shared/featurePlot';
import { neighborCards } from '../shared/neighborCards';
import { imageShape, sampleCanvas, type ImageShape } from '../shared/sampleImage';
import { imageResult } from './imageResult';
import { scoreMeter } from './scoreMeter';
import { tableResult } from './tableResult';

export function probeResultView(result: ProbeResult, source: string, runShape: number[]): HTMLElement {
  const sampleShape = result.sampleShape ?? runShape;
  const shape = imageShape(sampleShape);
  const neighbors = result.neighbors ?? [];
  return h(
    'div',
    { className: 'probe-result' },
    section(`Sample: ${source}`, shape ? imageResult(result, shape) : tableResult(result), scoreMeter(result.score, result.threshold, result.flagged)),
    neighbors.length
      ? section(
          `Nearest ${neighbors.length} training samples (latent space)`,
          neighborCards(neighbors.map((n) => ({ picture: n.image && thumbnail(n.image, shape), label: n.label, source: n.source, distance: n.distance, index: n.index }))),
        )
      : undefined,
  );
}

function thumbnail(values: Float32Array, shape: ImageShape | undefined): HTMLElement {
  return shape ? sampleCanvas(values, shape, 64) : featurePlot([{ values, length: values.length }], 120, 50);
}
