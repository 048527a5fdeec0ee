// The kinds table (src/protocol/kinds.ts) against the models the trainer builds: a row that says the wrong thing
// about generation, loss parts or image-shaped input fails here.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODEL_KINDS, type Experiment } from '../../../src/protocol/experiment';
import { isModelKind, KINDS, needsImages, needsSeries } from '../../../src/protocol/kinds';
import { TEMPLATES } from '../../../src/templates/templates';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { disposeAutoencoder, MNIST_SHAPE, templateExperiment, useCpu } from './helpers';

beforeAll(useCpu);

const TABLE_SHAPE = [12];
/** [steps, channels]: the samples of the sequence kinds (conv1d, lstm). */
const SERIES_SHAPE = [16, 2];
const mainTemplate = (kind: string) => TEMPLATES.find((t) => t.id === kind)!.id;

describe.each(MODEL_KINDS.map((kind) => [kind]))('%s', (kind) => {
  it('builds a model whose generation, input corruption and loss parts are the ones its row names', () => {
    const experiment = templateExperiment(mainTemplate(kind));
    const shape = needsSeries(kind, experiment.model) ? SERIES_SHAPE : MNIST_SHAPE;
    // Kinds that generate by label are built for labelled data (10 classes) and take labels with each batch.
    const byLabel = KINDS[kind].generates === 'label';
    const autoencoder = buildAutoencoder(experiment, shape, undefined, byLabel ? 10 : undefined);
    const batch = tf.zeros([2, ...shape]);
    const labels = byLabel ? tf.tensor1d([3, 7], 'int32') : undefined;
    const { total, components } = autoencoder.loss(batch, batch, false, labels);
    labels?.dispose();
    expect(autoencoder.conditional !== undefined).toBe(byLabel);
    expect(autoencoder.generative).toBe(KINDS[kind].generative);
    expect(autoencoder.corrupt !== undefined).toBe(KINDS[kind].denoises);
    expect(Object.keys(components).sort()).toEqual([...KINDS[kind].lossParts].sort());
    tf.dispose([batch, total, ...Object.values(components)]);
    disposeAutoencoder(autoencoder);
  });

  it('builds on table data exactly when the table says it does not need images', () => {
    const experiment = templateExperiment(mainTemplate(kind));
    expectBuildsOnTable(experiment, !needsImages(kind, experiment.model));
  });
});

describe('needsImages follows the network the kind builds', () => {
  it.each([
    ['denoising', (e: Experiment) => Object.assign(e.model, { architecture: undefined, encoder: undefined, decoder: undefined, noise: { type: 'gaussian', sigma: 0.5 } })],
    ['sparse', (e: Experiment) => Object.assign(e.model, { architecture: undefined })],
    ['sparse', (e: Experiment) => Object.assign(e.model, { architecture: 'conv' })],
    ['contractive', (e: Experiment) => Object.assign(e.model, { architecture: 'conv' })],
    ['custom', (e: Experiment) => Object.assign(e.model, { encoder: [{ type: 'dense', units: 4 }], decoder: [{ type: 'dense', units: 12 }] })],
  ] as const)('%s with a changed model', (id, change) => {
    const experiment = templateExperiment(id, change);
    expectBuildsOnTable(experiment, !needsImages(experiment.kind, experiment.model));
  });
});

describe('isModelKind', () => {
  it('takes the table\'s kinds and nothing else, not even inherited keys', () => {
    for (const kind of MODEL_KINDS) expect(isModelKind(kind)).toBe(true);
    for (const kind of ['toString', 'constructor', 'VAE', '']) expect(isModelKind(kind), kind).toBe(false);
  });
});

function expectBuildsOnTable(experiment: Experiment, builds: boolean): void {
  const build = () => disposeAutoencoder(buildAutoencoder(experiment, TABLE_SHAPE, undefined, KINDS[experiment.kind].generates === 'label' ? 3 : undefined));
  if (builds) expect(build).not.toThrow();
  else expect(build).toThrow();
}
