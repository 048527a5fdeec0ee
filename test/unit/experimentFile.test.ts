import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/protocol/loadExperiment';
import { InputError } from '../../src/protocol/errors';

const FILE = 'experiments/bad.ae.json';

function errorOf(text: string): InputError {
  try {
    parseExperiment(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

const valid = { name: 'ok', kind: 'deep', data: { source: 'builtin:mnist' } };

describe('experiment files', () => {
  it('fills defaults for a minimal valid file', () => {
    const experiment = parseExperiment(JSON.stringify(valid), FILE);
    expect(experiment.training).toMatchObject({ epochs: 10, batchSize: 256, learningRate: 0.001, seed: 42 });
    expect(experiment.data.validationSplit).toBe(0.1);
    expect(experiment.model.hidden).toEqual([128, 64]);
  });

  it('names the line and column of invalid JSON', () => {
    const error = errorOf('{\n  "name": "x",\n  "kind": "deep"\n  "data": {}\n}');
    expect(error.message).toContain(FILE);
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/^experiments\/bad\.ae\.json:4:3: invalid JSON/);
  });

  it('names an unknown kind and lists the allowed ones', () => {
    const error = errorOf(JSON.stringify({ ...valid, kind: 'transformer' }, null, 2));
    expect(error.field).toBe('kind');
    expect(error.message).toContain('"transformer"');
    expect(error.message).toContain('"vae"');
    expect(error.line).toBe(3);
  });

  it('rejects a non-positive epoch count, naming the field and the expectation', () => {
    const error = errorOf(JSON.stringify({ ...valid, training: { epochs: 0 } }, null, 2));
    expect(error.field).toBe('training.epochs');
    expect(error.message).toMatch(/expected a value > 0, got 0/);
  });

  it('rejects a wrong type', () => {
    const error = errorOf(JSON.stringify({ ...valid, model: { hidden: 'big' } }));
    expect(error.field).toBe('model.hidden');
    expect(error.message).toMatch(/expected array, got "big"/);
  });

  it('reports a missing required field', () => {
    const error = errorOf(JSON.stringify({ name: 'x', kind: 'deep' }));
    expect(error.field).toBe('data');
    expect(error.message).toMatch(/missing/);
  });

  it('rejects unknown keys so typos do not pass silently', () => {
    const error = errorOf(JSON.stringify({ ...valid, training: { epoch: 3 } }));
    expect(error.field).toBe('training');
    expect(error.message).toContain('"epoch"');
  });

  it('rejects a validation split outside [0, 0.9]', () => {
    const error = errorOf(JSON.stringify({ ...valid, data: { source: 'builtin:mnist', validationSplit: 1.5 } }));
    expect(error.field).toBe('data.validationSplit');
  });
});
