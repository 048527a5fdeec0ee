// Lint rules for the TypeScript sources, tests and scripts: typescript-eslint's recommended set, plus the type-aware
// rules that catch real bugs here cheaply (promises nobody awaits, switches that miss a case) without the no-unsafe-*
// family. `npm run lint` runs it with zero warnings allowed.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The plain .mjs scripts run on Node; TypeScript files get their globals from tsconfig.json's types.
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'performance', 'structuredClone', 'fetch'].map((name) => [name, 'readonly']),
);

export default defineConfig(
  { ignores: ['dist/', 'dist-vsix/', '.e2e/', 'test-output/', '.aelab/', 'scratch/', 'media/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // A `default:` is a deliberate catch-all; a switch without one must name every case.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      // As tsc's noUnusedLocals/noUnusedParameters, with `_` marking what is unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { args: 'all', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { sourceType: 'module', globals: nodeGlobals } },
  { files: ['bin/*.js'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // Its page.evaluate() callbacks run in the browser.
  { files: ['scripts/bench-latent.mjs'], languageOptions: { globals: Object.fromEntries(['window', 'document', 'requestAnimationFrame', 'PointerEvent', 'WheelEvent', 'MouseEvent'].map((name) => [name, 'readonly'])) } },
);
