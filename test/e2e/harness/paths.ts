// Where the end-to-end tests find code-server, the built extension and the fixtures, and where failures go.
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..', '..');
export const CODE_SERVER = join(REPO, '.e2e', 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = '/usr/bin/chromium';
export const VSIX = join(REPO, 'dist-vsix', 'autoencoder-lab.vsix');
export const FIXTURES = join(REPO, 'test', 'fixtures');
/** Screenshots of failed tests (git-ignored). */
export const OUTPUT = join(REPO, 'test-output', 'e2e');
/** The folder name VS Code gives an installed copy of this extension. */
export const EXTENSION_FOLDER = 'autoencoder-lab.autoencoder-lab-0.1.0';
