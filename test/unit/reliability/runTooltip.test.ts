// The Runs tree tooltip renders summary.json's name and kind as text: a cloned repository cannot add links or images.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { RunListItem } from '../../../src/protocol/dashboardMessages';
import { escapeMarkdown, runTooltipMarkdown } from '../../../src/extension/dashboard/runTooltip';

const hostile = '[x](http://evil) ![i](http://evil/i.png)';
const run: RunListItem = {
  runId: 'deep-20261130-120000',
  name: hostile,
  kind: '<img src=http://evil/k.png> **bold** `code`\n# heading',
  status: 'interrupted',
  epochs: 2,
  epochsPlanned: 5,
  bestValLoss: 0.1234,
  startedAt: '2026-11-30T12:00:00.000Z',
  resumable: 'checkpoint',
};

// VS Code renders tooltips with a CommonMark renderer; markdown-it (installed with @vscode/vsce) is one, here with raw
// HTML and bare-URL links on, the most permissive setting.
type MarkdownRenderer = new (options: { html: boolean; linkify: boolean }) => { render(markdown: string): string };
const MarkdownIt = createRequire(__filename)('markdown-it') as MarkdownRenderer;
const render = (markdown: string) => new MarkdownIt({ html: true, linkify: true }).render(markdown);

describe('Runs tree tooltip', () => {
  it('shows a hostile name and kind as literal text: no link, no image, no HTML, no heading', () => {
    const html = render(runTooltipMarkdown(run));
    expect(html).not.toMatch(/<a\b|<img\b|<h1\b|<code\b/);
    expect(html).not.toContain('href=');
    // The text is all still there for the reader, as text.
    const text = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    expect(text).toContain(hostile);
    expect(text).toContain('<img src=http://evil/k.png> **bold** `code` # heading');
    expect(text).toContain('interrupted, epoch 2/5 · can be resumed');
  });

  it('keeps its own formatting: the name in bold', () => {
    expect(render(runTooltipMarkdown({ ...run, name: 'mnist-deep' }))).toContain('<strong>mnist-deep</strong>');
  });

  it("a damaged run's reader message is shown, escaped like every run-file string", () => {
    const damaged: RunListItem = { ...run, status: 'damaged', resumable: false, detail: `runs/x/summary.json:1:1: field "status": ${hostile}` };
    const html = render(runTooltipMarkdown(damaged));
    expect(html).not.toMatch(/<a\b|<img\b/);
    expect(html).toContain('runs/x/summary.json:1:1: field &quot;status&quot;');
    expect(html).not.toContain('can be resumed');
  });

  it('says that Resume trains a run with no checkpoint again from the start', () => {
    expect(render(runTooltipMarkdown({ ...run, resumable: 'retrain' }))).toContain('no checkpoint: Resume trains it again from the start');
  });

  it('escapes every ASCII punctuation character and flattens newlines', () => {
    expect(escapeMarkdown('a_b*c')).toBe('a\\_b\\*c');
    expect(escapeMarkdown('x\r\ny')).toBe('x y');
    expect(render(escapeMarkdown('https://evil.example/x')).includes('<a')).toBe(false);
  });
});
