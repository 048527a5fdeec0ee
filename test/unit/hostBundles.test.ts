// Architecture invariant (docs/architecture.md): the host processes never load TensorFlow.js, only the trainer does.
// Checked on the built bundles (run `npm run build` first), where an indirect import would show up.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TFJS_CODE } from '../../scripts/bench/tfjsCode';

const dist = join(__dirname, '..', '..', 'dist');
const tfjsIn = (bundle: string) => TFJS_CODE.test(readFileSync(join(dist, bundle), 'utf8'));

describe('which bundles carry TensorFlow.js', () => {
  it.each(['extension.js', 'extensionCore.js', 'cli.js', 'webview/main.js'])('%s does not', (bundle) => {
    expect(tfjsIn(bundle)).toBe(false);
  });

  it('trainer.js does (so the check above can see it)', () => {
    expect(tfjsIn('trainer.js')).toBe(true);
  });
});

// Activation runs at every start of VS Code: extension.js only registers, and the code behind (zod, the schemas, the
// commands) is extensionCore.js, required at first use. A few KB; an import that pulls the rest back in is hundreds.
it('extension.js, all that activation loads, stays small', () => {
  expect(statSync(join(dist, 'extension.js')).size).toBeLessThan(16 * 1024);
});
