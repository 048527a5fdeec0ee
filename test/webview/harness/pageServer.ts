// Serves the webview like VS Code does: the page from renderDashboardHtml with its real CSP, and only the files of
// dist/webview (the panel's single localResourceRoot). Anything else is a 404.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { basename, extname, join } from 'node:path';
import { createNonce, renderDashboardHtml, type WebviewKind } from '../../../src/extension/dashboard/renderDashboardHtml';
import { WEBVIEW_DIST } from './buildWebview';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.map': 'application/json' };

export interface PageServer {
  url(view: WebviewKind): string;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  let origin = '';
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === '/index.html') {
      const view = url.searchParams.get('view') === 'sidebar' ? 'sidebar' : 'dashboard';
      const asset = (file: string) => `${origin}/webview/${file}`;
      const html = renderDashboardHtml({ cspSource: origin, nonce: createNonce(), scriptUri: asset('main.js'), styleUri: asset('main.css'), codiconsUri: asset('codicon.css'), view });
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    if (url.pathname === '/favicon.ico') return void response.writeHead(204).end();
    const file = url.pathname.startsWith('/webview/') ? basename(url.pathname) : '';
    readFile(join(WEBVIEW_DIST, file))
      .then((body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body))
      .catch(() => response.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (view) => `${origin}/index.html?view=${view}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
