// The result panel's page: the dashboard's CSP with a fresh nonce, the only script carrying it, images as data: URIs,
// and file names that cannot inject markup.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageDataUri, renderApplyResultHtml } from '../../../src/extension/apply/renderApplyResultHtml';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'apply');

describe('the Apply Autoencoder result page', () => {
  it('sniffs PNG and JPEG bytes for the data: URI', () => {
    expect(imageDataUri(readFileSync(join(FIXTURES, 'rgb.png')))).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(imageDataUri(readFileSync(join(FIXTURES, 'rgb.jpg')))).toMatch(/^data:image\/jpeg;base64,\/9j\//);
  });

  it('allows only its nonce\'d script and escapes file names', () => {
    const html = renderApplyResultHtml({
      cspSource: 'https://webview.test',
      nonce: 'abc+/=',
      title: 'Denoise: <img src=x onerror=alert(1)>.png (run)',
      inputName: '"><script>alert(1)</script>.png',
      outputName: 'out.png',
      inputDataUri: 'data:image/png;base64,AAAA',
      outputDataUri: 'data:image/png;base64,BBBB',
    });
    expect(html).toContain(`content="default-src 'none'; img-src https://webview.test data: blob:; media-src blob:; style-src https://webview.test; font-src https://webview.test; script-src 'nonce-abc+/='"`);
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script nonce="abc+/=">']);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.png');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;.png');
    expect(html).not.toMatch(/\sstyle=|<style/); // the CSP allows no inline style
  });
});
