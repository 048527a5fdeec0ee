// Fields only some kinds read are refused on the others, naming the field and the kinds that read it.
import { describe, expect, it } from 'vitest';
import { experimentSchema } from '../../src/protocol/experiment';

function problems(kind: string, model: Record<string, unknown>): string[] {
  const parsed = experimentSchema.safeParse({ name: 'x', kind, data: { source: 'builtin:mnist' }, model });
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('kind-specific model fields', () => {
  it.each([
    ['samples', 3, 'iwae', 'vae'],
    ['codebookSize', 64, 'vq-vae', 'conv'],
    ['commitmentCost', 0.5, 'vq-vae', 'conv-vae'],
    ['mmdWeight', 10, 'wae-mmd', 'aae'],
    ['discriminator', [64], 'aae', 'wae-mmd'],
    ['discriminatorLearningRate', 0.001, 'aae', 'deep'],
  ])('model.%s is read by its kind and refused on another', (field, value, owner, other) => {
    expect(problems(owner, { [field]: value })).toEqual([]);
    expect(problems(other, { [field]: value })).toEqual([`model.${field}: only kind "${owner}" reads model.${field}; remove it for kind "${other}"`]);
  });

  it('refuses a sequence architecture on a dense-only kind, which would ignore it', () => {
    expect(problems('iwae', { architecture: 'lstm' })[0]).toMatch(/^model\.architecture: kind "iwae" always builds its dense network and would ignore model\.architecture "lstm"/);
    expect(problems('vae', { architecture: 'lstm' })).toEqual([]);
    expect(problems('denoising', { architecture: 'conv1d' })).toEqual([]);
  });
});
