// docs/architecture.md is the code map: every file or folder it names in backticks (`src/…`, `webview/…`, `test/…`,
// `scripts/…`) must exist, so a rename that leaves the map pointing at nothing fails here. Placeholders such as
// `src/trainer/models/<kind>.ts` name files a recipe creates and are skipped.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');

/** The backticked paths under the project's code folders, without placeholders. */
function namedPaths(markdown: string): string[] {
  const paths = [...markdown.matchAll(/`((?:src|webview|test|scripts)\/[^`\s]*)`/g)].map((match) => match[1]);
  return [...new Set(paths)].filter((path) => !path.includes('<'));
}

describe('docs/architecture.md', () => {
  it('names paths (the check has something to check)', () => {
    expect(namedPaths(DOC).length).toBeGreaterThan(20);
    expect(namedPaths('`src/a.ts` and `src/trainer/models/<kind>.ts` and `main.ts`')).toEqual(['src/a.ts']);
  });

  it.each(namedPaths(DOC).map((path) => [path]))('names %s, which exists', (path) => {
    expect(existsSync(join(ROOT, path))).toBe(true);
  });
});
