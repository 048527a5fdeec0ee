// The size estimate made before a model is built: exact parameter counts for every template (so it tracks the
// builders), every template under the limit, and absurd layers refused naming their field.
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/protocol/errors';
import { experimentSchema, type ExperimentInput } from '../../../src/protocol/experiment';
import { KINDS, needsSeries } from '../../../src/protocol/kinds';
import { TEMPLATES } from '../../../src/templates/templates';
import { MEMORY_BUDGET_BYTES } from '../../../src/trainer/data/memoryBudget';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { estimateModelSize, refuseOversizedModel } from '../../../src/trainer/models/estimateModelSize';
import { parameterCount } from '../../../src/trainer/models/types';
import { disposeAutoencoder, MNIST_SHAPE, useCpu } from './helpers';

beforeAll(useCpu);

const experiment = (input: Partial<ExperimentInput>) => experimentSchema.parse({ name: 'e', kind: 'deep', data: { source: 'x' }, ...input });

function refusal(input: Partial<ExperimentInput>, shape: number[]): InputError {
  try {
    refuseOversizedModel(experiment(input), shape, 'big.ae.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected the model to be refused');
}

describe('estimateModelSize', () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))('counts the parameters of template %s exactly and keeps it far under the limit', (_, template) => {
    const parsed = experimentSchema.parse(template.experiment('t'));
    // The sequence kinds read keras.io's [288, 1] windows; kinds that generate by label take the one-hot label (10 digit classes) into their first layers.
    const shape = needsSeries(parsed.kind, parsed.model) ? [288, 1] : MNIST_SHAPE;
    const classes = KINDS[parsed.kind].generates === 'label' ? 10 : undefined;
    const estimate = estimateModelSize(parsed, shape, classes);
    const autoencoder = buildAutoencoder(parsed, shape, undefined, classes);
    expect(estimate.parameters).toBe(parameterCount(autoencoder));
    disposeAutoencoder(autoencoder);
    expect(estimate.bytes).toBeLessThan(MEMORY_BUDGET_BYTES / 10);
    expect(() => refuseOversizedModel(parsed, shape, 't.ae.json')).not.toThrow();
  });

  it('counts custom layer lists with strides and valid padding exactly', () => {
    const parsed = experiment({
      kind: 'custom',
      model: {
        encoder: [
          { type: 'conv2d', filters: 4, kernelSize: 3, strides: 2 },
          { type: 'batchNormalization' },
          { type: 'flatten' },
          { type: 'dense', units: 8 },
        ],
        decoder: [
          { type: 'dense', units: 13 * 13 * 4 },
          { type: 'reshape', targetShape: [13, 13, 4] },
          { type: 'conv2dTranspose', filters: 1, kernelSize: 4, strides: 2 },
        ],
      },
    });
    const autoencoder = buildAutoencoder(parsed, MNIST_SHAPE);
    expect(estimateModelSize(parsed, MNIST_SHAPE).parameters).toBe(parameterCount(autoencoder));
    disposeAutoencoder(autoencoder);
  });

  it.each([
    ['deep', 'conv'],
    ['contractive', 'undercomplete'],
    ['conv-vae', 'conv'],
    ['sparse', 'deep'],
    ['denoising', 'undercomplete'],
  ] as const)('counts %s with model.architecture "%s" as its builder builds it (the kinds table says whether it reads the field)', (kind, architecture) => {
    const parsed = experiment({ kind, model: { architecture, hidden: [16], latentDim: 4, filters: [4, 4] } });
    const autoencoder = buildAutoencoder(parsed, MNIST_SHAPE);
    expect(estimateModelSize(parsed, MNIST_SHAPE).parameters).toBe(parameterCount(autoencoder));
    disposeAutoencoder(autoencoder);
  });

  it('admits realistic larger models: a conv autoencoder on 128x128 RGB at batch 256, a deep one on 64x64 RGB', () => {
    expect(() => refuseOversizedModel(experiment({ kind: 'conv', training: { batchSize: 256 } }), [128, 128, 3], 'a.ae.json')).not.toThrow();
    expect(() => refuseOversizedModel(experiment({ model: { hidden: [1024, 256], latentDim: 64 } }), [64, 64, 3], 'a.ae.json')).not.toThrow();
  });

  it('refuses hidden: [1e8] naming model.hidden[0] and the estimate', () => {
    const error = refusal({ model: { hidden: [100_000_000], latentDim: 8 } }, MNIST_SHAPE);
    expect(error.field).toBe('model.hidden[0]');
    expect(error.message).toMatch(/big\.ae\.json: field "model\.hidden\[0\]": the model would need about [\d.]+ GB of memory to train \(159 billion parameters, 200 million activations per sample x batch 256\)/);
  });

  it('refuses filters: [1e6] naming model.filters[0]', () => {
    const error = refusal({ kind: 'conv', model: { filters: [8, 1_000_000] } }, MNIST_SHAPE);
    expect(error.field).toBe('model.filters[1]');
    expect(error.message).toContain('more than the 4.3 GB limit');
  });

  it('refuses a huge custom conv naming the layer list entry', () => {
    const error = refusal({ kind: 'custom', model: { encoder: [{ type: 'conv2d', filters: 1_000_000, kernelSize: 3, padding: 'same' }], decoder: [{ type: 'conv2d', filters: 1, kernelSize: 3, padding: 'same' }] } }, MNIST_SHAPE);
    expect(error.field).toBe('model.encoder[0].filters');
  });

  it('refuses a dense model on very large inputs naming the layer that meets them', () => {
    const error = refusal({ kind: 'undercomplete', model: { latentDim: 64 } }, [4000, 4000, 3]);
    expect(error.field).toBe('model.latentDim');
    expect(error.message).toContain('data.imageSize');
  });
});
