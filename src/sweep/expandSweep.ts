// Expands an experiment file's `sweep` block into one experiment per setting: every combination of a grid (the last key
// varies fastest) or `count` seeded random draws. Each setting's experiment is the file's JSON with the swept keys set,
// its name suffixed and the sweep block removed, checked against the experiment schema so that a value that does not
// fit (latentDim 0) is reported at the sweep key that set it, before any run starts. Host-neutral: no tfjs, no vscode.
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import seedrandom from 'seedrandom';
import type { z } from 'zod';
import { InputError } from '../protocol/errors';
import { experimentSchema } from '../protocol/experiment';
import { describeIssue, lineAndColumn } from '../protocol/loadExperiment';
import { MAX_SWEEP_RUNS, sweepSchema, type SweepConfig, type SweepDistribution, type SweepValue } from '../protocol/sweep';

export interface SweepSetting {
  index: number;
  /** Dotted key -> the value this setting uses, in the order of `keys`. */
  parameters: Record<string, SweepValue>;
  /** The experiment file's JSON with the keys set, the name suffixed (settingName) and the sweep block removed. */
  experiment: unknown;
}

export interface ExpandedSweep {
  method: 'grid' | 'random';
  keys: string[];
  settings: SweepSetting[];
}

type JsonObject = Record<string, unknown>;
/** A place in the experiment file's JSON: ['sweep', 'grid', 'model.latentDim'] (a dotted key is one property). */
type JsonPath = (string | number)[];

/** The experiment file, and its text when known, so that errors name the line. */
interface Source {
  file: string;
  text?: string;
  tree?: Node;
}

/** InputError naming the file, the field (the path joined by dots) and, with the file's text, its line. */
function sweepError(source: Source, message: string, path: JsonPath): InputError {
  const node = source.tree && (findNodeAtLocation(source.tree, path) ?? findNodeAtLocation(source.tree, path.slice(0, -1)));
  const at = node && source.text !== undefined ? lineAndColumn(source.text, node.offset) : {};
  return new InputError(message, { file: source.file, field: path.join('.'), ...at });
}

/**
 * Throws InputError naming `file` and the sweep field when the block, a key or a value is wrong; given the file's
 * `text` (of which `raw` is the parsed JSON), it names the line too.
 */
export function expandSweep(raw: unknown, file: string, text?: string): ExpandedSweep {
  const source: Source = { file, text, tree: text === undefined ? undefined : parseTree(text) };
  if (!isObject(raw)) throw new InputError('expected an experiment object with a "sweep" block', { file });
  if (raw.sweep === undefined) throw sweepError(source, 'has no "sweep" block; add {"grid": {...}} or {"random": {...}} to sweep it', ['sweep']);
  const sweep = parseSweepBlock(raw.sweep, source);
  const method = 'grid' in sweep ? 'grid' : 'random';
  const keysPath = method === 'grid' ? ['sweep', 'grid'] : ['sweep', 'random', 'parameters'];
  const pathOf = (key: string) => [...keysPath, key];
  const keys = Object.keys('grid' in sweep ? sweep.grid : sweep.random.parameters);
  if (keys.length === 0) throw sweepError(source, 'expected at least one dotted key to sweep, e.g. "model.latentDim"', keysPath);
  checkKeys(keys, source, pathOf);
  const values = 'grid' in sweep ? gridSettings(sweep.grid, keys, source) : randomSettings(sweep.random, keys, source, pathOf);

  const { sweep: _removed, ...base } = raw;
  const name = typeof base.name === 'string' ? base.name : '';
  const settings = values.map((parameters, index) => {
    const experiment = structuredClone(base);
    for (const key of keys) setDotted(experiment, key, parameters[key], source, pathOf(key));
    experiment.name = settingName(name, index);
    checkSetting(experiment, parameters, keys, source, pathOf, keysPath);
    return { index, parameters, experiment };
  });
  return { method, keys, settings };
}

/** A setting's run name: the experiment's name and its index, so `mnist-deep-s3-<time>` shows which setting it trained. */
export function settingName(name: string, index: number): string {
  return `${name}-s${index}`;
}

function parseSweepBlock(block: unknown, source: Source): SweepConfig {
  // A block that says which method it is gets that method's errors, not "matches no allowed form".
  const [grid, random] = sweepSchema.options;
  const schema = isObject(block) && 'grid' in block ? grid : isObject(block) && 'random' in block ? random : sweepSchema;
  const result = schema.safeParse(block, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = ['sweep', ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))];
  throw sweepError(source, `${describeIssue(issue)}; expected {"grid": {"model.latentDim": [8, 16]}} or {"random": {"count": 8, "seed": 0, "parameters": {"training.learningRate": {"logUniform": [0.0001, 0.01]}}}}`, path);
}

/** Keys are dotted experiment paths; none may sit inside another (both would set the same thing) or touch the sweep. */
function checkKeys(keys: string[], source: Source, pathOf: (key: string) => JsonPath): void {
  for (const key of keys) {
    const parts = key.split('.');
    if (parts.some((part) => part.trim() === '' || part !== part.trim())) {
      throw sweepError(source, `"${key}" is not a dotted experiment key; expected names joined by dots, e.g. "model.latentDim"`, pathOf(key));
    }
    if (parts[0] === 'sweep' || parts[0] === '$schema') throw sweepError(source, `a sweep cannot set "${parts[0]}"; expected a key of the experiment, e.g. "training.learningRate"`, pathOf(key));
    const overlapping = keys.find((other) => other !== key && other.startsWith(`${key}.`));
    if (overlapping) throw sweepError(source, `"${key}" and "${overlapping}" both set ${overlapping}; sweep one of them`, pathOf(key));
  }
}

function gridSettings(grid: Record<string, SweepValue[]>, keys: string[], source: Source): Record<string, SweepValue>[] {
  const total = keys.reduce((product, key) => product * grid[key].length, 1);
  if (total > MAX_SWEEP_RUNS) {
    throw sweepError(source, `the grid has ${total} combinations (${keys.map((key) => grid[key].length).join(' × ')}); expected at most ${MAX_SWEEP_RUNS} runs`, ['sweep', 'grid']);
  }
  // The cartesian product in key order: the last key varies fastest, like nested loops written in the file's order.
  let settings: Record<string, SweepValue>[] = [{}];
  for (const key of keys) settings = settings.flatMap((setting) => grid[key].map((value) => ({ ...setting, [key]: value })));
  return settings;
}

function randomSettings(random: Extract<SweepConfig, { random: unknown }>['random'], keys: string[], source: Source, pathOf: (key: string) => JsonPath): Record<string, SweepValue>[] {
  for (const key of keys) checkBounds(random.parameters[key], source, pathOf(key));
  const draw = seedrandom(`aelab-sweep-${random.seed}`);
  return Array.from({ length: random.count }, () => Object.fromEntries(keys.map((key) => [key, sample(random.parameters[key], draw)])));
}

function checkBounds(distribution: SweepDistribution, source: Source, path: JsonPath): void {
  const bounds = 'uniform' in distribution ? distribution.uniform : 'logUniform' in distribution ? distribution.logUniform : 'intUniform' in distribution ? distribution.intUniform : undefined;
  if (bounds && bounds[0] > bounds[1]) throw sweepError(source, `expected [low, high] with low <= high, got [${bounds[0]}, ${bounds[1]}]`, path);
}

/** One draw; real values keep 6 significant digits so sweep.json and run names stay readable. */
function sample(distribution: SweepDistribution, draw: () => number): SweepValue {
  if ('choice' in distribution) return distribution.choice[Math.floor(draw() * distribution.choice.length)];
  if ('intUniform' in distribution) {
    const [low, high] = distribution.intUniform;
    return low + Math.floor(draw() * (high - low + 1)); // both ends inclusive
  }
  if ('uniform' in distribution) {
    const [low, high] = distribution.uniform;
    return readable(low + draw() * (high - low), low, high);
  }
  const [low, high] = distribution.logUniform;
  return readable(Math.exp(Math.log(low) + draw() * (Math.log(high) - Math.log(low))), low, high);
}

function readable(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, Number(value.toPrecision(6))));
}

function setDotted(target: JsonObject, key: string, value: SweepValue, source: Source, path: JsonPath): void {
  const parts = key.split('.');
  let at = target;
  for (const [i, part] of parts.slice(0, -1).entries()) {
    const next = at[part];
    if (next === undefined) at[part] = {};
    else if (!isObject(next)) {
      throw sweepError(source, `${parts.slice(0, i + 1).join('.')} is ${JSON.stringify(next)} in the experiment, not an object, so "${key}" names nothing; expected a dotted key of the experiment`, path);
    }
    at = at[part] as JsonObject;
  }
  at[parts.at(-1)!] = structuredClone(value);
}

/** Validates one setting's experiment; a problem is reported at the sweep key whose value caused it. */
function checkSetting(experiment: JsonObject, parameters: Record<string, SweepValue>, keys: string[], source: Source, pathOf: (key: string) => JsonPath, keysPath: JsonPath): void {
  const result = experimentSchema.safeParse(experiment, { reportInput: true });
  if (result.success) return;
  const issue = result.error.issues[0];
  const path = issue.path.map(String).join('.');
  const key = keys.find((k) => issueConcernsKey(issue, path, k));
  const setting = keys.map((k) => `${k}=${JSON.stringify(parameters[k])}`).join(', ');
  if (key) {
    const what = issue.code === 'unrecognized_keys' ? `"${key}" is not a key of the experiment (${describeIssue(issue)})` : `${JSON.stringify(parameters[key])} does not fit ${path || key}: ${describeIssue(issue)}`;
    throw sweepError(source, what, pathOf(key));
  }
  throw sweepError(source, `the setting ${setting} makes the experiment invalid at "${path || '(root)'}": ${describeIssue(issue)}`, keysPath);
}

function issueConcernsKey(issue: z.core.$ZodIssue, path: string, key: string): boolean {
  if (issue.code === 'unrecognized_keys') return issue.keys.some((unknown) => key === joinPath(path, unknown) || key.startsWith(`${joinPath(path, unknown)}.`));
  return path === key || path.startsWith(`${key}.`) || key.startsWith(`${path}.`);
}

const joinPath = (path: string, key: string) => (path ? `${path}.${key}` : key);

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
