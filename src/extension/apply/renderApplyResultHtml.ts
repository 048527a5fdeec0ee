// The page of the Apply Autoencoder result panel: the input image, the model's output and a per-pixel error heat map,
// side by side. Same CSP as the dashboard (a per-load nonce, nothing inline but the nonce'd script); the images come
// as data: URIs, so the canvas can read their pixels. The page sends the host nothing. Pure, for tests.
import { contentSecurityPolicy, escapeAttribute as escapeHtml } from '../dashboard/renderDashboardHtml';

export interface ApplyResultPage {
  cspSource: string;
  nonce: string;
  title: string;
  inputName: string;
  outputName: string;
  inputDataUri: string;
  outputDataUri: string;
}

/** A data: URI of a PNG or JPEG file's bytes (sniffed, not from the name). */
export function imageDataUri(bytes: Buffer): string {
  const mime = bytes[0] === 0xff && bytes[1] === 0xd8 ? 'image/jpeg' : 'image/png';
  return `data:${mime};base64,${bytes.toString('base64')}`;
}


// Runs in the webview: scales the input to the output's size, takes the mean absolute difference over the colour
// channels per pixel, and paints it black (0) -> red -> yellow (the largest error), with the mean error in the caption.
const HEAT_MAP_SCRIPT = `
(() => {
  const input = document.getElementById('input');
  const output = document.getElementById('output');
  const heat = document.getElementById('heat');
  const caption = document.getElementById('heat-caption');
  const loaded = (img) => (img.complete && img.naturalWidth ? Promise.resolve() : new Promise((ok) => img.addEventListener('load', ok, { once: true })));
  const pixels = (img, w, h) => {
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0, w, h);
    return ctx.getImageData(0, 0, w, h).data;
  };
  Promise.all([loaded(input), loaded(output)]).then(() => {
    const w = output.naturalWidth, h = output.naturalHeight;
    const a = pixels(input, w, h), b = pixels(output, w, h);
    const errors = new Float32Array(w * h);
    let max = 0, sum = 0;
    for (let p = 0; p < w * h; p++) {
      const e = (Math.abs(a[4 * p] - b[4 * p]) + Math.abs(a[4 * p + 1] - b[4 * p + 1]) + Math.abs(a[4 * p + 2] - b[4 * p + 2])) / (3 * 255);
      errors[p] = e;
      sum += e;
      if (e > max) max = e;
    }
    heat.width = w;
    heat.height = h;
    const ctx = heat.getContext('2d');
    const image = ctx.createImageData(w, h);
    for (let p = 0; p < w * h; p++) {
      const t = max > 0 ? errors[p] / max : 0;
      image.data[4 * p] = Math.round(255 * Math.min(1, 2 * t));
      image.data[4 * p + 1] = Math.round(255 * Math.max(0, 2 * t - 1));
      image.data[4 * p + 2] = 0;
      image.data[4 * p + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
    caption.textContent = 'per-pixel error: mean ' + (sum / (w * h)).toFixed(4) + ', max ' + max.toFixed(4) + ' (of 1)';
    heat.dataset.ready = 'true';
  });
  for (const el of [input, output, heat]) {
    el.style.width = '256px';
    el.style.height = 'auto';
    el.style.imageRendering = 'pixelated';
  }
})();
`;

export function renderApplyResultHtml(page: ApplyResultPage): string {
  const e = escapeHtml;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy(page.cspSource, page.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${e(page.title)}</title>
</head>
<body>
<h3>${e(page.title)}</h3>
<table>
<tr><th>Input</th><th>Output</th><th>Error</th></tr>
<tr>
<td><img id="input" alt="input" src="${e(page.inputDataUri)}"></td>
<td><img id="output" alt="output" src="${e(page.outputDataUri)}"></td>
<td><canvas id="heat" aria-label="per-pixel error heat map"></canvas></td>
</tr>
<tr><td>${e(page.inputName)}</td><td>${e(page.outputName)}</td><td id="heat-caption">computing the error…</td></tr>
</table>
<script nonce="${e(page.nonce)}">${HEAT_MAP_SCRIPT}</script>
</body>
</html>`;
}
