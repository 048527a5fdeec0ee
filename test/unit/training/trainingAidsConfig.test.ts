// Bad training-aid settings are refused before anything trains, with an InputError naming the field (exit code 2 in
// the CLI), and the JSON Schema for completion documents every new field.
import { describe, expect, it } from 'vitest';
import { experimentJsonSchema } from '../../../scripts/experiment-json-schema';
import { InputError } from '../../../src/protocol/errors';
import { parseExperiment } from '../../../src/protocol/loadExperiment';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';

function refusal(kind: string, training: object, model: object = {}): InputError {
  const text = JSON.stringify({ name: 'bad', kind, data: { source: 'builtin:mnist' }, model, training }, null, 2);
  try {
    parseExperiment(text, 'bad.ae.json');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('the experiment was accepted');
}

describe('training aids in the experiment schema', () => {
  it.each([
    ['deep', { klWarmup: 3 }, 'training.klWarmup', /only the VAE kinds \(vae, conv-vae, beta-vae, cvae, iwae\)/],
    ['conv', { klCycle: { cycles: 2 } }, 'training.klCycle', /remove training.klCycle for kind "conv"/],
    ['vae', { klWarmup: 3, klCycle: {} }, 'training.klCycle', /either training.klWarmup or training.klCycle/],
    ['deep', { earlyStopping: { patience: 0 } }, 'training.earlyStopping.patience', /expected a value > 0, got 0/],
    ['deep', { earlyStopping: { monitor: 'accuracy' } }, 'training.earlyStopping.monitor', /"val_loss", "loss"/],
    ['deep', { earlyStopping: { minDelta: -1 } }, 'training.earlyStopping.minDelta', /expected a value >= 0/],
    ['deep', { lrSchedule: { type: 'step', every: 0 } }, 'training.lrSchedule.every', /expected a value > 0, got 0/],
    ['deep', { lrSchedule: { type: 'exponential' } }, 'training.lrSchedule.type', /'step' | 'cosine' | 'reduceOnPlateau'/],
    ['deep', { lrSchedule: { type: 'reduceOnPlateau', factor: 1 } }, 'training.lrSchedule.factor', /expected a value < 1/],
    ['deep', { clipNorm: 0 }, 'training.clipNorm', /expected a value > 0/],
  ])('%s with %j is refused naming %s', (kind, training, field, message) => {
    const error = refusal(kind, training);
    expect(error.field).toBe(field);
    expect(error.line).toBeGreaterThan(1);
    expect(error.message).toMatch(message);
  });

  it('accepts every aid on a VAE, with the documented defaults', () => {
    const text = JSON.stringify({ name: 'ok', kind: 'vae', data: { source: 'builtin:mnist' }, training: { earlyStopping: {}, lrSchedule: { type: 'cosine' }, clipNorm: 1, klWarmup: 5 } });
    expect(parseExperiment(text, 'ok.ae.json').training).toMatchObject({
      earlyStopping: { monitor: 'val_loss', patience: 5, minDelta: 0, restoreBest: true },
      lrSchedule: { type: 'cosine', minLearningRate: 0, warmupEpochs: 0 },
      clipNorm: 1,
      klWarmup: 5,
    });
  });

  it('documents each new field in the JSON Schema used for completion', () => {
    const training = (experimentJsonSchema().properties as Record<string, { properties: Record<string, { description?: string }> }>).training.properties;
    for (const field of ['earlyStopping', 'lrSchedule', 'clipNorm', 'klWarmup', 'klCycle']) expect(training[field].description, field).toBeTruthy();
  });

  it('aelab train exits with code 2 naming the field', async () => {
    const workspace = tempWorkspace('aelab-aids-cli-');
    writeExperiment(workspace, { name: 'warm', training: { epochs: 1, klWarmup: 2 } });
    const result = await runNode([CLI_SCRIPT, 'train', 'warm.ae.json', '--runs-dir', 'runs', '--backend', 'cpu'], { cwd: workspace });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('training.klWarmup');
  }, 60_000);
});
