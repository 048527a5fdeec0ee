// The page's security: a strict CSP with a fresh nonce, one nonce'd script, no inline handlers or styles.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, renderDashboardHtml } from '../../src/extension/dashboard/renderDashboardHtml';

const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';

function render(view: 'dashboard' | 'sidebar', nonce = createNonce()) {
  const asset = (file: string) => `${cspSource}/ext/dist/webview/${file}`;
  return { nonce, html: renderDashboardHtml({ cspSource, nonce, scriptUri: asset('main.js'), styleUri: asset('main.css'), codiconsUri: asset('codicon.css'), view }) };
}

function directives(html: string): Map<string, string[]> {
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  expect(policy).toBeDefined();
  return new Map(policy!.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe('renderDashboardHtml', () => {
  for (const view of ['dashboard', 'sidebar'] as const) {
    it(`gives the ${view} a strict content security policy`, () => {
      const { html, nonce } = render(view);
      const csp = directives(html);
      expect(csp.get('default-src')).toEqual(["'none'"]);
      expect(csp.get('script-src')).toEqual([`'nonce-${nonce}'`]);
      expect(csp.get('style-src')).toEqual([cspSource]);
      expect(csp.get('font-src')).toEqual([cspSource]);
      expect(csp.get('img-src')).toEqual([cspSource, 'data:', 'blob:']);
      expect(csp.get('media-src')).toEqual(['blob:']);
      expect(html).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|strict-dynamic/);
      expect([...csp.keys()].sort()).toEqual(['default-src', 'font-src', 'img-src', 'media-src', 'script-src', 'style-src']);
    });

    it(`has no inline code or styles in the ${view} page`, () => {
      const { html, nonce } = render(view);
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts).toHaveLength(1);
      expect(scripts[0][1]).toContain(`nonce="${nonce}"`);
      expect(scripts[0][1]).toMatch(/src="[^"]+main\.js"/);
      expect(scripts[0][2].trim()).toBe('');
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/<style\b|\sstyle\s*=/i);
      expect(html).not.toMatch(/javascript:/i);
      expect(html).toContain(`<body data-view="${view}">`);
      expect(html).toMatch(/<link rel="stylesheet" href="[^"]+codicon\.css" id="vscode-codicon-stylesheet">/);
    });
  }

  it('uses a fresh, unguessable nonce per page', () => {
    const nonces = new Set(Array.from({ length: 200 }, () => createNonce()));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{32}$/);
  });

  it('escapes attribute values so a hostile URI cannot break out of the page', () => {
    const html = renderDashboardHtml({ cspSource: 'x"><script>', nonce: 'n', scriptUri: '"><img src=x onerror=alert(1)>', styleUri: 's', codiconsUri: 'c', view: 'dashboard' });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"><script>');
    expect(contentSecurityPolicy('a', 'b')).toBe("default-src 'none'; img-src a data: blob:; media-src blob:; style-src a; font-src a; script-src 'nonce-b'");
  });
});
