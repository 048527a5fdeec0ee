// The series message is checked as a whole: its arrays must describe the same points, so a damaged snapshot is dropped.
import { describe, expect, it } from 'vitest';
import { trainerToHostSchema } from '../../../src/protocol/trainerMessages';

function message(overrides: Record<string, unknown> = {}) {
  const values = () => Float32Array.from([1, 2, 3, 4]);
  return { type: 'series', epoch: 1, columns: ['t'], times: ['a', 'b', 'c', 'd'], values: [values()], reconstruction: [values()], errors: values(), aggregate: 'mean', threshold: 2.5, spans: [{ start: 2, end: 3 }], validationStart: 3, ...overrides };
}

function issues(raw: unknown): string[] {
  const parsed = trainerToHostSchema.safeParse(raw);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('the series message', () => {
  it('accepts arrays that describe the same points', () => {
    expect(issues(message())).toEqual([]);
  });

  it.each([
    [{ values: [] }, 'values: expected one array per column (1), got 0'],
    [{ reconstruction: [Float32Array.from([1, 2])] }, 'reconstruction.0: expected 4 values, one per time point, got 2'],
    [{ errors: Float32Array.from([1]) }, 'errors: expected 4 errors, one per time point, got 1'],
    [{ spans: [{ start: 3, end: 4 }] }, 'spans.0: expected start <= end < 4, got 3..4'],
    [{ validationStart: 9 }, 'validationStart: expected at most 4, got 9'],
  ])('refuses %j', (overrides, problem) => {
    expect(issues(message(overrides))).toContain(problem);
  });
});
