// Expanding an experiment's sweep block: grid order, seeded random draws within their bounds, and errors that name the
// file and the sweep field that caused them.
import { describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import { MAX_SWEEP_RUNS } from '../../../src/protocol/sweep';
import { expandSweep } from '../../../src/sweep/expandSweep';

const FILE = '/work/experiments/mnist-deep.ae.json';

function experimentWith(sweep: unknown) {
  return {
    name: 'mnist-deep',
    kind: 'deep',
    data: { source: 'builtin:mnist', limit: 300 },
    model: { hidden: [32], latentDim: 8 },
    training: { epochs: 1, learningRate: 0.001 },
    sweep,
  };
}

function expansionError(sweep: unknown, base: unknown = experimentWith(sweep)): Error {
  try {
    expandSweep(base, FILE);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the sweep to be refused');
}

describe('grid sweeps', () => {
  it('is the cartesian product in key order, the last key varying fastest', () => {
    const expanded = expandSweep(experimentWith({ grid: { 'model.latentDim': [4, 8], 'training.learningRate': [0.01, 0.001, 0.0001] } }), FILE);
    expect(expanded.method).toBe('grid');
    expect(expanded.keys).toEqual(['model.latentDim', 'training.learningRate']);
    expect(expanded.settings.map((s) => [s.index, s.parameters['model.latentDim'], s.parameters['training.learningRate']])).toEqual([
      [0, 4, 0.01],
      [1, 4, 0.001],
      [2, 4, 0.0001],
      [3, 8, 0.01],
      [4, 8, 0.001],
      [5, 8, 0.0001],
    ]);
  });

  it("sets each key in the setting's experiment, suffixes its name and removes the sweep block, leaving the file's JSON untouched", () => {
    const raw = experimentWith({ grid: { 'model.latentDim': [4, 16], 'training.earlyStopping.patience': [2] } });
    const before = structuredClone(raw);
    const { settings } = expandSweep(raw, FILE);
    expect(raw).toEqual(before);
    expect(settings.map((s) => (s.experiment as { name: string }).name)).toEqual(['mnist-deep-s0', 'mnist-deep-s1']);
    const second = experimentSchema.parse(settings[1].experiment);
    expect(second.model).toMatchObject({ latentDim: 16, hidden: [32] });
    expect(second.training.earlyStopping).toMatchObject({ patience: 2 });
    expect(second.training.learningRate).toBe(0.001);
    for (const { experiment } of settings) expect(experiment).not.toHaveProperty('sweep');
  });

  it('sets list values (model.hidden) as given, each setting its own copy', () => {
    const { settings } = expandSweep(experimentWith({ grid: { 'model.hidden': [[64, 32], [16]] } }), FILE);
    expect(settings.map((s) => (s.experiment as { model: { hidden: number[] } }).model.hidden)).toEqual([[64, 32], [16]]);
  });
});

describe('random sweeps', () => {
  const random = (seed: number, count = 40) =>
    expandSweep(
      experimentWith({
        random: {
          count,
          seed,
          parameters: {
            'training.learningRate': { logUniform: [0.0001, 0.01] },
            'model.latentDim': { intUniform: [2, 4] },
            'data.validationSplit': { uniform: [0.1, 0.3] },
            'model.activation': { choice: ['relu', 'elu'] },
          },
        },
      }),
      FILE,
    );

  it('draws `count` settings, the same ones for the same seed and others for another seed', () => {
    const first = random(3);
    expect(first.method).toBe('random');
    expect(first.settings).toHaveLength(40);
    expect(random(3).settings.map((s) => s.parameters)).toEqual(first.settings.map((s) => s.parameters));
    expect(random(4).settings.map((s) => s.parameters)).not.toEqual(first.settings.map((s) => s.parameters));
  });

  it('keeps every draw within its bounds, intUniform reaching both ends', () => {
    const { settings } = random(11, 200);
    const values = (key: string) => settings.map((s) => s.parameters[key] as number | string);
    for (const lr of values('training.learningRate') as number[]) expect(lr >= 0.0001 && lr <= 0.01).toBe(true);
    for (const split of values('data.validationSplit') as number[]) expect(split >= 0.1 && split <= 0.3).toBe(true);
    const dims = values('model.latentDim') as number[];
    expect(dims.every((d) => Number.isInteger(d))).toBe(true);
    expect(new Set(dims)).toEqual(new Set([2, 3, 4]));
    expect(new Set(values('model.activation'))).toEqual(new Set(['relu', 'elu']));
    // A log-uniform draw over two decades puts about half the runs below the geometric middle (0.001).
    const below = (values('training.learningRate') as number[]).filter((lr) => lr < 0.001).length;
    expect(below).toBeGreaterThan(60);
    expect(below).toBeLessThan(140);
  });

  it('refuses reversed bounds, naming the parameter', () => {
    const error = expansionError({ random: { count: 2, parameters: { 'model.latentDim': { intUniform: [8, 2] } } } });
    expect(error.message).toContain(FILE);
    expect(error.message).toContain('field "sweep.random.parameters.model.latentDim"');
    expect(error.message).toContain('low <= high');
  });
});

describe('bad sweeps name the file, the field and what was expected', () => {
  it('a value the experiment refuses (latentDim 0) is reported at its grid key', () => {
    const error = expansionError({ grid: { 'model.latentDim': [8, 0] } });
    expect(error.name).toBe('InputError');
    expect(error.message).toContain(`${FILE}: field "sweep.grid.model.latentDim": 0 does not fit model.latentDim: expected a value > 0, got 0`);
  });

  it('a value of the wrong type is reported at its random key', () => {
    const error = expansionError({ random: { count: 3, parameters: { 'training.optimizer': { choice: ['adam', 'lion'] } } } });
    expect(error.message).toContain('field "sweep.random.parameters.training.optimizer"');
    expect(error.message).toContain('expected one of "adam", "sgd", "rmsprop", "adadelta"');
  });

  it('a key the experiment does not have', () => {
    const error = expansionError({ grid: { 'model.latentDims': [4, 8] } });
    expect(error.message).toContain('field "sweep.grid.model.latentDims"');
    expect(error.message).toContain('"model.latentDims" is not a key of the experiment');
  });

  it('a key through a value that is not an object', () => {
    const error = expansionError({ grid: { 'data.source.path': ['a'] } });
    expect(error.message).toContain('field "sweep.grid.data.source.path"');
    expect(error.message).toContain('data.source is "builtin:mnist" in the experiment, not an object');
  });

  it('keys that set the same thing twice, and keys inside the sweep block', () => {
    expect(expansionError({ grid: { 'model.hidden': [[4]], 'model.hidden.0': [8] } }).message).toMatch(/field "sweep\.grid\.model\.hidden": .*"model\.hidden" and "model\.hidden\.0" both set/);
    expect(expansionError({ grid: { 'model.latentDim': [4], typo: 1 } }).message).toContain('field "sweep.grid.typo": expected array');
    expect(expansionError({ grid: { 'sweep.grid': [1] } }).message).toContain('a sweep cannot set "sweep"');
    expect(expansionError({ grid: { 'model..latentDim': [1] } }).message).toContain('is not a dotted experiment key');
  });

  it(`more than ${MAX_SWEEP_RUNS} runs`, () => {
    const many = Array.from({ length: 40 }, (_, i) => i + 1);
    const error = expansionError({ grid: { 'model.latentDim': many, 'training.batchSize': many } });
    expect(error.message).toContain('field "sweep.grid": the grid has 1600 combinations (40 × 40); expected at most 1000 runs');
    expect(expansionError({ random: { count: MAX_SWEEP_RUNS + 1, parameters: { 'model.latentDim': { intUniform: [1, 4] } } } }).message).toContain('field "sweep.random.count"');
  });

  it('a malformed sweep block, an empty one, and a file without one', () => {
    expect(expansionError({ grid: { 'model.latentDim': [] } }).message).toContain('field "sweep.grid.model.latentDim"');
    expect(expansionError({ grid: {} }).message).toContain('field "sweep.grid": expected at least one dotted key');
    expect(expansionError(undefined).message).toContain('field "sweep": has no "sweep" block');
  });

  it('a setting that breaks a rule across fields names the setting', () => {
    const base = { ...experimentWith({ grid: { kind: ['vae', 'deep'] } }), training: { epochs: 1, klWarmup: 2 } };
    const error = expansionError(undefined, base);
    expect(error.message).toContain('field "sweep.grid": the setting kind="deep" makes the experiment invalid at "training.klWarmup"');
  });
});
