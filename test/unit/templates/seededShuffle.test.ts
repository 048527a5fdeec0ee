// The Python restatement of the run's seeded permutation gives the very order the trainer's split uses.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { seededPermutation } from '../../../src/trainer/data/split';
import { SEEDED_SHUFFLE } from '../../../src/templates/python/seededShuffle';

const CASES = [
  { count: 10_000, seed: 42 },
  { count: 1, seed: 7 },
  { count: 2, seed: 0 },
  { count: 977, seed: 123_456_789 },
  { count: 5_000, seed: -3 },
];

describe('seeded_permutation (Python)', () => {
  it('matches trainer/data/split.ts seededPermutation for every case', () => {
    const program = `${SEEDED_SHUFFLE}\n\nimport json, sys\nfor count, seed in json.loads(sys.argv[1]):\n    print(json.dumps(seeded_permutation(count, seed)))\n`;
    const run = spawnSync('python3', ['-c', program, JSON.stringify(CASES.map(({ count, seed }) => [count, seed]))], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(CASES.length);
    CASES.forEach(({ count, seed }, i) => {
      const python = JSON.parse(lines[i]) as number[];
      expect(python, `count ${count}, seed ${seed}`).toEqual(Array.from(seededPermutation(count, seed)));
    });
  });
});
