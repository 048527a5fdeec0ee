// .vscode/launch.json and tasks.json stay in step with package.json's scripts, esbuild.mjs's output and the trainer's
// debug port variable, so F5 and "Attach to Trainer" keep working as the project changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { TRAINER_INSPECT_ENV } from '../../src/host/trainerExecArgv';

const REPO = join(__dirname, '..', '..');

function readJsonc(file: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const value = parse(readFileSync(join(REPO, file), 'utf8'), errors, { allowTrailingComma: false });
  expect(errors, file).toEqual([]);
  return value as Record<string, unknown>;
}

interface Task { label: string; type: string; script?: string; isBackground?: boolean; problemMatcher?: { pattern: { regexp: string }; background?: { beginsPattern: string; endsPattern: string } } | string }
interface Configuration { name: string; type: string; preLaunchTask?: string; env?: Record<string, string>; port?: number; outFiles?: string[] }

const tasks = (readJsonc('.vscode/tasks.json').tasks as Task[]);
const configurations = (readJsonc('.vscode/launch.json').configurations as Configuration[]);
const scripts = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).scripts as Record<string, string>;

describe('.vscode', () => {
  it('runs only npm scripts that package.json defines', () => {
    const npmTasks = tasks.filter((task) => task.type === 'npm');
    expect(npmTasks.map((task) => task.script)).toEqual(expect.arrayContaining(['build', 'watch', 'typecheck', 'test']));
    for (const task of npmTasks) expect(Object.keys(scripts), task.label).toContain(task.script);
  });

  it('builds before "Run Extension" and maps the bundles back to the sources', () => {
    const run = configurations.find((c) => c.name === 'Run Extension')!;
    expect(run.type).toBe('extensionHost');
    expect(tasks.map((task) => task.label)).toContain(run.preLaunchTask);
    expect(run.outFiles).toEqual(['${workspaceFolder}/dist/**/*.js']);
  });

  it('"Attach to Trainer" attaches to the port the dev host\'s trainers listen on', () => {
    const run = configurations.find((c) => c.name === 'Run Extension')!;
    const attach = configurations.find((c) => c.name === 'Attach to Trainer')!;
    expect(attach).toMatchObject({ type: 'node', request: 'attach' });
    expect(run.env?.[TRAINER_INSPECT_ENV]).toBe(String(attach.port));
  });

  it("the esbuild problem matcher reads esbuild.mjs's problem lines, and the watch task its rebuild markers", () => {
    const watch = tasks.find((task) => task.label === 'watch')!;
    expect(watch.isBackground).toBe(true);
    const matcher = watch.problemMatcher as Exclude<Task['problemMatcher'], string | undefined>;
    const problem = new RegExp(matcher.pattern.regexp).exec('src/extension/uriExists.ts:12:24: error: Unexpected ";"');
    expect(problem?.slice(1)).toEqual(['src/extension/uriExists.ts', '12', '24', 'error', 'Unexpected ";"']);
    const esbuildScript = readFileSync(join(REPO, 'esbuild.mjs'), 'utf8');
    expect(esbuildScript).toContain("console.log('[watch] build started')");
    expect(esbuildScript).toContain("console.log('[watch] build finished')");
    expect(new RegExp(matcher.background!.beginsPattern).test('[watch] build started')).toBe(true);
    expect(new RegExp(matcher.background!.endsPattern).test('[watch] build finished')).toBe(true);
  });
});
