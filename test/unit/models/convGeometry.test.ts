import { describe, expect, it } from 'vitest';
import { cropping, downsampledSizes, upsamplingPlan } from '../../../src/trainer/models/convGeometry';

describe('conv decoder geometry', () => {
  it('follows "same" pooling down: 28 -> 14 -> 7 -> 4', () => {
    expect(downsampledSizes(28, 3)).toEqual([28, 14, 7, 4]);
  });

  it('puts the valid conv where the Keras blog does (16 -> 14 -> 28)', () => {
    expect(upsamplingPlan([4, 4], [28, 28], 3)).toEqual({ valid: [false, false, true], crop: [0, 0] });
  });

  it('needs nothing when sizes halve evenly', () => {
    expect(upsamplingPlan([7, 7], [28, 28], 2)).toEqual({ valid: [false, false], crop: [0, 0] });
    expect(upsamplingPlan([4, 4], [32, 32], 3)).toEqual({ valid: [false, false, false], crop: [0, 0] });
  });

  it('crops what a valid conv cannot absorb, per dimension', () => {
    const plan = upsamplingPlan([8, 4], [30, 16], 2); // 30 -> 15 -> 8 overshoots by 2
    expect(plan).toEqual({ valid: [false, false], crop: [2, 0] });
    expect(cropping([3, 0])).toEqual([[1, 2], [0, 0]]);
  });
});
