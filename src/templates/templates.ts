// Starting points for `aelab new <kind>` and the New Experiment command. Each names the published setting it follows.
import type { ExperimentInput, ModelKind } from '../protocol/experiment';

export interface Template {
  kind: ModelKind;
  label: string;
  /** The published setting this template reproduces. */
  reference: string;
  experiment: (name: string) => ExperimentInput;
}

const mnist = { source: 'builtin:mnist', validationSplit: 0.1 };

export const TEMPLATES: Template[] = [
  {
    kind: 'deep',
    label: 'Deep fully connected autoencoder (784-128-64-32)',
    reference: 'Keras blog "Building Autoencoders in Keras" (2016), deep autoencoder 128-64-32, ReLU, sigmoid output, per-pixel BCE, Adam',
    experiment: (name) => ({
      name,
      kind: 'deep',
      data: mnist,
      model: { hidden: [128, 64], latentDim: 32, activation: 'relu', outputActivation: 'sigmoid' },
      training: { epochs: 15, batchSize: 256, learningRate: 0.001, optimizer: 'adam', loss: 'bce', seed: 42 },
    }),
  },
];

export function findTemplate(kind: string): Template | undefined {
  return TEMPLATES.find((t) => t.kind === kind);
}

export function renderTemplate(template: Template, name: string): string {
  const { name: experimentName, ...rest } = template.experiment(name);
  return `${JSON.stringify({ name: experimentName, comment: `Reproduces: ${template.reference}`, ...rest }, null, 2)}\n`;
}
